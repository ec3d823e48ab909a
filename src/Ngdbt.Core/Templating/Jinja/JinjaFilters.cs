using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Ngdbt.Templating.Jinja;

/// <summary>The Jinja builtin filters dbt projects use. An unknown filter is an error naming it.</summary>
internal static class JinjaFilters
{
    private static readonly string[] Known =
    [
        "upper", "lower", "trim", "title", "capitalize", "replace", "join", "length", "count", "list", "first", "last", "sort", "unique",
        "reverse", "map", "select", "reject", "selectattr", "rejectattr", "string", "int", "float", "abs", "round", "tojson", "indent",
        "safe", "e", "escape", "sum", "min", "max", "items", "dictsort", "batch", "wordcount", "truncate", "default", "d", "as_text",
        "as_bool", "as_number", "as_native", "center", "format", "attr", "striptags", "urlencode", "bool",
    ];

    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, JinjaCall site)
    {
        try
        {
            return ApplyCore(name, value, args, kwargs, site);
        }
        catch (InvalidCastException e)
        {
            throw new JinjaException($"filter '{name}': {e.Message}", site.Offset);
        }
    }

    private static object? Arg(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int i, string name, object? fallback = null)
        => kwargs.TryGetValue(name, out var v) ? v : i < args.Count ? args[i] : fallback;

    private static object? ApplyCore(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, JinjaCall site)
    {
        string Str() => JinjaValues.ToStr(value);
        List<object?> Items() => JinjaValues.Iterate(value);
        switch (name)
        {
            case "upper": return Str().ToUpperInvariant();
            case "lower": return Str().ToLowerInvariant();
            case "trim": return Str().Trim();
            case "title": return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Str().ToLowerInvariant());
            case "capitalize": var s = Str(); return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            case "replace": return Str().Replace(JinjaValues.ToStr(Arg(args, kwargs, 0, "old")), JinjaValues.ToStr(Arg(args, kwargs, 1, "new")), StringComparison.Ordinal);
            case "join":
                var attribute = Arg(args, kwargs, 1, "attribute") as string;
                return string.Join(JinjaValues.ToStr(Arg(args, kwargs, 0, "d", string.Empty)), Items().Select(i => JinjaValues.ToStr(attribute is null ? i : Attr(i, attribute, site))));
            case "length" or "count": return value switch { string str => (long)str.Length, ICollection coll => (long)coll.Count, _ => (long)Items().Count };
            case "list": return Items();
            case "first": return Items().FirstOrDefault(new Undefined("first"));
            case "last": return Items().LastOrDefault(new Undefined("last"));
            case "reverse": return value is string rs ? new string([.. rs.Reverse()]) : Enumerable.Reverse(Items()).ToList();
            case "unique": return Items().DistinctBy(i => JinjaValues.Repr(i)).ToList();
            case "sort":
            {
                var reverse = JinjaValues.Truthy(Arg(args, kwargs, 0, "reverse", false));
                var attr = Arg(args, kwargs, 2, "attribute") as string;
                var sorted = Items().OrderBy(i => attr is null ? i : Attr(i, attr, site), Comparer<object?>.Create(JinjaValues.Compare)).ToList();
                if (reverse)
                {
                    sorted.Reverse();
                }

                return sorted;
            }

            case "map":
                if (kwargs.TryGetValue("attribute", out var mapAttr))
                {
                    return Items().Select(i => Attr(i, JinjaValues.ToStr(mapAttr), site)).ToList();
                }

                var filter = JinjaValues.ToStr(Arg(args, kwargs, 0, "filter"));
                return Items().Select(i => Apply(filter, i, [.. args.Skip(1)], new Dictionary<string, object?>(), site)).ToList();
            case "select" or "reject":
            {
                var test = args.Count > 0 ? JinjaValues.ToStr(args[0]) : null;
                return Items().Where(i => (test is null ? JinjaValues.Truthy(i) : JinjaTests.Apply(test, i, [.. args.Skip(1)], site.Offset)) == (name == "select")).ToList();
            }

            case "selectattr" or "rejectattr":
            {
                var attr = JinjaValues.ToStr(Arg(args, kwargs, 0, "attribute"));
                var test = args.Count > 1 ? JinjaValues.ToStr(args[1]) : null;
                return Items().Where(i =>
                {
                    var v = Attr(i, attr, site);
                    return (test is null ? JinjaValues.Truthy(v) : JinjaTests.Apply(test, v, [.. args.Skip(2)], site.Offset)) == (name == "selectattr");
                }).ToList();
            }

            case "string" or "as_text": return Str();
            case "int": return value is string si ? (long.TryParse(si.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "default", 0L))) : JinjaValues.IsNumber(value) ? (long)decimal.Truncate(JinjaValues.ToDecimal(value)) : 0L;
            case "float" or "as_number": return value is string sf && !decimal.TryParse(sf, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? JinjaValues.ToDecimal(Arg(args, kwargs, 0, "default", 0m)) : JinjaValues.ToDecimal(value);
            case "bool" or "as_bool": return value is string sb ? sb.Equals("true", StringComparison.OrdinalIgnoreCase) : JinjaValues.Truthy(value);
            case "as_native": return value;
            case "abs": return JinjaValues.Number(Math.Abs(JinjaValues.ToDecimal(value)));
            case "round":
            {
                var precision = (int)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "precision", 0L));
                var method = JinjaValues.ToStr(Arg(args, kwargs, 1, "method", "common"));
                var d = JinjaValues.ToDecimal(value);
                var factor = (decimal)Math.Pow(10, precision);
                return method switch
                {
                    "floor" => Math.Floor(d * factor) / factor,
                    "ceil" => Math.Ceiling(d * factor) / factor,
                    _ => Math.Round(d, precision, MidpointRounding.AwayFromZero),
                };
            }

            case "sum":
            {
                var attr = Arg(args, kwargs, 0, "attribute") as string;
                return JinjaValues.Number(Items().Sum(i => JinjaValues.ToDecimal(attr is null ? i : Attr(i, attr, site))) + JinjaValues.ToDecimal(Arg(args, kwargs, 1, "start", 0L)));
            }

            case "min": return Items().Min(Comparer<object?>.Create(JinjaValues.Compare));
            case "max": return Items().Max(Comparer<object?>.Create(JinjaValues.Compare));
            case "items": return value is IDictionary<string, object?> di ? di.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList() : [];
            case "dictsort": return value is IDictionary<string, object?> ds ? ds.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList() : [];
            case "batch":
            {
                var size = (int)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "linecount"));
                return Items().Chunk(Math.Max(1, size)).Select(c => (object?)c.ToList()).ToList();
            }

            case "wordcount": return (long)Str().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            case "truncate": var t = Str(); var len = (int)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "length", 255L)); return t.Length <= len ? t : t[..Math.Max(0, len - 3)] + "...";
            case "indent":
            {
                var width = Arg(args, kwargs, 0, "width", 4L) is string w ? w : new string(' ', (int)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "width", 4L)));
                var first = JinjaValues.Truthy(Arg(args, kwargs, 1, "first", false));
                var lines = Str().Split('\n');
                return string.Join('\n', lines.Select((l, i) => (i > 0 || first) && l.Length > 0 ? width + l : l));
            }

            case "center": var c = Str(); var wc = (int)JinjaValues.ToDecimal(Arg(args, kwargs, 0, "width", 80L)); return c.PadLeft((wc + c.Length) / 2).PadRight(wc);
            case "format": return JinjaMembers.PercentFormat(Str(), args.Count == 1 ? args[0] : args.ToList());
            case "attr": return Attr(value, JinjaValues.ToStr(Arg(args, kwargs, 0, "name")), site);
            case "tojson": return JsonSerializer.Serialize(ToJson(value));
            case "safe" or "e" or "escape" or "striptags" or "urlencode": return Str();
            default:
                throw new JinjaException($"unknown filter '{name}'{Load.Suggest.Hint(Load.Suggest.Closest(name, Known))}", site.Offset);
        }
    }

    private static object? Attr(object? item, string attribute, JinjaCall site)
    {
        object? current = item;
        foreach (var part in attribute.Split('.'))
        {
            current = JinjaMembers.GetItem(current, part, site.Offset, site.Renderer);
        }

        return current;
    }

    public static object? ToJson(object? value) => value switch
    {
        null or Undefined => null,
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)),
        string s => s,
        IList l => l.Cast<object?>().Select(ToJson).ToList(),
        bool or long or int or decimal => value,
        _ => JinjaValues.ToStr(value),
    };
}
