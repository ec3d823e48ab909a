using System.Collections;
using System.Globalization;
using System.Text;

namespace Ngdbt.Templating.Jinja;

/// <summary>A name that is not defined: renders as nothing and is false, as in Jinja; using a member of it is an error.</summary>
internal sealed class Undefined(string name)
{
    public string Name { get; } = name;

    public override string ToString() => string.Empty;
}

/// <summary>A value with attributes (loop, namespace, adapter, relation, ...).</summary>
internal interface IJinjaObject
{
    bool TryGetAttr(string name, out object? value);
}

/// <summary>A call's arguments; <see cref="Offset"/> is the call site in <see cref="Renderer"/>'s file.</summary>
internal sealed record JinjaCall(IReadOnlyList<object?> Args, IReadOnlyDictionary<string, object?> Kwargs, int Offset, JinjaRenderer Renderer)
{
    public JinjaMacro? Caller { get; init; }

    public object? Arg(int index, string name, object? fallback = null)
        => Kwargs.TryGetValue(name, out var v) ? v : index >= 0 && index < Args.Count ? Args[index] : fallback;

    public string? StringArg(int index, string name, string? fallback = null) => Arg(index, name, fallback) is { } v and not Undefined ? JinjaValues.ToStr(v) : fallback;

    public JinjaException Error(string message) => new(message, Offset);
}

internal interface IJinjaCallable
{
    object? Call(JinjaCall call);
}

internal sealed class JinjaFunction(Func<JinjaCall, object?> body) : IJinjaCallable
{
    public object? Call(JinjaCall call) => body(call);
}

/// <summary>Jinja's <c>namespace()</c>: attributes that can be assigned from inside loops.</summary>
internal sealed class JinjaNamespace(Dictionary<string, object?> values) : IJinjaObject
{
    public Dictionary<string, object?> Values { get; } = values;

    public bool TryGetAttr(string name, out object? value) => Values.TryGetValue(name, out value);
}

/// <summary>The <c>loop</c> variable of a for loop.</summary>
internal sealed class JinjaLoop(IReadOnlyList<object?> items) : IJinjaObject
{
    public int Index0 { get; set; }

    public bool TryGetAttr(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)Index0 + 1,
            "index0" => (long)Index0,
            "revindex" => (long)(items.Count - Index0),
            "revindex0" => (long)(items.Count - Index0 - 1),
            "first" => Index0 == 0,
            "last" => Index0 == items.Count - 1,
            "length" => (long)items.Count,
            "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("loop.previtem"),
            "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new Undefined("loop.nextitem"),
            "cycle" => new JinjaFunction(c => c.Args.Count == 0 ? null : c.Args[Index0 % c.Args.Count]),
            _ => new Undefined("loop." + name),
        };
        return value is not Undefined;
    }
}

internal static class JinjaValues
{
    public static bool Truthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        decimal d => d != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>What <c>{{ value }}</c> prints: Python's str().</summary>
    public static string ToStr(object? value) => value switch
    {
        null => "None",
        string s => s,
        Undefined => string.Empty,
        bool b => b ? "True" : "False",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero && dt.Kind == DateTimeKind.Unspecified ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        IDictionary or IList => Repr(value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Python's repr(): strings quoted, lists and dicts in brackets.</summary>
    public static string Repr(object? value)
    {
        switch (value)
        {
            case string s:
                return "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
            case IDictionary<string, object?> d:
                return "{" + string.Join(", ", d.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}";
            case IList l:
                var sb = new StringBuilder("[");
                var first = true;
                foreach (var item in l)
                {
                    sb.Append(first ? string.Empty : ", ").Append(Repr(item));
                    first = false;
                }

                return sb.Append(']').ToString();
            default:
                return ToStr(value);
        }
    }

    public static bool IsNumber(object? v) => v is long or int or decimal or double;

    public static decimal ToDecimal(object? v) => v switch
    {
        long l => l,
        int i => i,
        decimal d => d,
        double d => (decimal)d,
        bool b => b ? 1 : 0,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new InvalidCastException($"'{ToStr(v)}' is not a number"),
    };

    /// <summary>Numbers normalised for arithmetic: whole ones as long, the rest as decimal (exact).</summary>
    public static object Number(decimal d) => d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue && d.Scale == 0 ? (long)d : d;

    public static new bool Equals(object? a, object? b)
    {
        if (a is Undefined || b is Undefined)
        {
            return a is Undefined && b is Undefined;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return ToDecimal(a) == ToDecimal(b);
        }

        if (a is bool ba && b is bool bb)
        {
            return ba == bb;
        }

        if (a is string || b is string || a is null || b is null)
        {
            return a is string sa && b is string sb ? sa == sb : a is null && b is null;
        }

        if (a is IList la && b is IList lb)
        {
            return la.Count == lb.Count && Enumerable.Range(0, la.Count).All(i => Equals(la[i], lb[i]));
        }

        return ReferenceEquals(a, b) || a.Equals(b) || ToStr(a) == ToStr(b);
    }

    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return ToDecimal(a).CompareTo(ToDecimal(b));
        }

        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }

        if (a is DateTime da && b is DateTime db)
        {
            return da.CompareTo(db);
        }

        throw new InvalidCastException($"cannot compare {Repr(a)} with {Repr(b)}");
    }

    /// <summary>Items of a value iterated by for or a filter: lists, dict keys, string characters.</summary>
    public static List<object?> Iterate(object? value) => value switch
    {
        null or Undefined => [],
        string s => [.. s.Select(c => (object?)c.ToString())],
        IDictionary<string, object?> d => [.. d.Keys],
        IEnumerable e => [.. e.Cast<object?>()],
        _ => throw new InvalidCastException($"{Repr(value)} is not iterable"),
    };

    public static bool Contains(object? container, object? item) => container switch
    {
        string s => item is string sub && s.Contains(sub, StringComparison.Ordinal),
        IDictionary<string, object?> d => item is string k && d.ContainsKey(k),
        IEnumerable e => e.Cast<object?>().Any(x => Equals(x, item)),
        _ => false,
    };

    public static string TypeName(object? v) => v switch
    {
        null => "none",
        Undefined => "undefined",
        string => "string",
        bool => "boolean",
        long or int => "integer",
        decimal or double => "number",
        IDictionary => "mapping",
        IList => "list",
        _ => v.GetType().Name,
    };
}
