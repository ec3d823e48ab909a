using System.Globalization;

namespace Ngdbt.Templating.Jinja;

/// <summary>`modules.datetime` (date, datetime, timedelta) with the members dbt code uses, and relation attributes.</summary>
internal static class JinjaModules
{
    private sealed class Obj(Func<string, object?> get) : IJinjaObject
    {
        public bool TryGetAttr(string name, out object? value)
        {
            value = get(name);
            return value is not null;
        }
    }

    public static IJinjaObject Modules()
    {
        var datetimeType = new Obj(name => name switch
        {
            "now" or "utcnow" => new JinjaFunction(_ => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc)),
            "strptime" => new JinjaFunction(c => DateTime.ParseExact(c.StringArg(0, "date_string")!, PythonFormat(c.StringArg(1, "format")!), CultureInfo.InvariantCulture)),
            "fromisoformat" => new JinjaFunction(c => DateTime.Parse(c.StringArg(0, "date_string")!, CultureInfo.InvariantCulture)),
            _ => null,
        });
        var dateType = new Obj(name => name switch
        {
            "today" => new JinjaFunction(_ => DateTime.UtcNow.Date),
            "fromisoformat" => new JinjaFunction(c => DateTime.ParseExact(c.StringArg(0, "date_string")!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => null,
        });
        var datetime = new Obj(name => name switch
        {
            "datetime" => new CallableObj(datetimeType, c => new DateTime(Int(c, 0, "year"), Int(c, 1, "month"), Int(c, 2, "day"), Int(c, 3, "hour"), Int(c, 4, "minute"), Int(c, 5, "second"))),
            "date" => new CallableObj(dateType, c => new DateTime(Int(c, 0, "year"), Int(c, 1, "month"), Int(c, 2, "day"))),
            "timedelta" => new JinjaFunction(c => TimeSpan.FromDays(Dec(c, 0, "days")) + TimeSpan.FromSeconds(Dec(c, 1, "seconds")) + TimeSpan.FromMinutes(Dec(c, -1, "minutes")) + TimeSpan.FromHours(Dec(c, -1, "hours")) + TimeSpan.FromDays(7 * Dec(c, -1, "weeks"))),
            _ => null,
        });
        return new Obj(name => name switch
        {
            "datetime" => datetime,
            _ => null,
        });
    }

    private static int Int(JinjaCall c, int i, string name) => (int)JinjaValues.ToDecimal(c.Arg(i, name, 0L));

    private static double Dec(JinjaCall c, int i, string name) => (double)JinjaValues.ToDecimal(c.Arg(i, name, 0L));

    /// <summary>A type that is callable (a constructor) and has static members (datetime.datetime.now()).</summary>
    private sealed class CallableObj(IJinjaObject members, Func<JinjaCall, object?> ctor) : IJinjaObject, IJinjaCallable
    {
        public object? Call(JinjaCall call) => ctor(call);

        public bool TryGetAttr(string name, out object? value) => members.TryGetAttr(name, out value);
    }

    public static object? DateAttr(DateTime dt, string name) => name switch
    {
        "year" => (long)dt.Year,
        "month" => (long)dt.Month,
        "day" => (long)dt.Day,
        "hour" => (long)dt.Hour,
        "minute" => (long)dt.Minute,
        "second" => (long)dt.Second,
        "strftime" => new JinjaFunction(c => dt.ToString(PythonFormat(c.StringArg(0, "format")!), CultureInfo.InvariantCulture)),
        "isoformat" => new JinjaFunction(_ => dt.ToString(dt.TimeOfDay == TimeSpan.Zero && dt.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
        "date" => new JinjaFunction(_ => dt.Date),
        "replace" => new JinjaFunction(c => new DateTime((int)JinjaValues.ToDecimal(c.Kwargs.GetValueOrDefault("year") ?? (long)dt.Year), (int)JinjaValues.ToDecimal(c.Kwargs.GetValueOrDefault("month") ?? (long)dt.Month), (int)JinjaValues.ToDecimal(c.Kwargs.GetValueOrDefault("day") ?? (long)dt.Day), dt.Hour, dt.Minute, dt.Second, dt.Kind)),
        _ => new Undefined(name),
    };

    /// <summary>strftime codes to .NET format strings.</summary>
    private static string PythonFormat(string format) => format
        .Replace("%Y", "yyyy").Replace("%m", "MM").Replace("%d", "dd").Replace("%H", "HH").Replace("%M", "mm").Replace("%S", "ss").Replace("%f", "ffffff").Replace("%y", "yy").Replace("%j", "DDD");
}

/// <summary>Attributes of `this`, `ref()` and `source()` (dbt's Relation).</summary>
internal static class Relations
{
    public static object? Attr(RelationValue r, string name) => name switch
    {
        "schema" => r.Schema,
        "identifier" or "name" or "table" => r.Identifier,
        "database" => null,
        "include" or "quote" or "incorporate" => new JinjaFunction(_ => r),
        "render" => new JinjaFunction(_ => r.ToString()),
        "is_table" or "is_view" => false,
        _ => new Undefined(name),
    };
}
