using System.Collections;
using System.Globalization;
using System.Text;

namespace Ngdbt.Templating.Jinja;

/// <summary>Attribute and item access, and the Python methods of strings, lists and dicts that dbt code calls
/// (<c>'a,b'.split(',')</c>, <c>cols.append(x)</c>, <c>d.items()</c>, ...).</summary>
internal static class JinjaMembers
{
    public static object? GetAttr(object? target, string name, int offset, JinjaRenderer renderer)
    {
        switch (target)
        {
            case Undefined u:
                throw new JinjaException($"'{u.Name}' is undefined, so it has no attribute '{name}'", offset);
            case IJinjaObject o:
                return o.TryGetAttr(name, out var v) ? v : new Undefined(name);
            case RelationValue r:
                return Relations.Attr(r, name);
            case IDictionary<string, object?> d:
                return d.TryGetValue(name, out var item) ? item : DictMethod(d, name) ?? new Undefined(name);
            case string s:
                return StringMethod(s, name) ?? new Undefined(name);
            case IList l:
                return ListMethod(l, name) ?? new Undefined(name);
            case DateTime dt:
                return JinjaModules.DateAttr(dt, name);
            case null:
                throw new JinjaException($"None has no attribute '{name}'", offset);
            default:
                return new Undefined(name);
        }
    }

    public static object? GetItem(object? target, object? key, int offset, JinjaRenderer renderer)
    {
        switch (target)
        {
            case IDictionary<string, object?> d:
                return key is not null && d.TryGetValue(JinjaValues.ToStr(key), out var v) ? v : new Undefined(JinjaValues.ToStr(key));
            case IList l when JinjaValues.IsNumber(key):
            {
                var i = (int)JinjaValues.ToDecimal(key);
                i = i < 0 ? i + l.Count : i;
                return i >= 0 && i < l.Count ? l[i] : throw new JinjaException($"list index {key} out of range (length {l.Count})", offset);
            }

            case string s when JinjaValues.IsNumber(key):
            {
                var i = (int)JinjaValues.ToDecimal(key);
                i = i < 0 ? i + s.Length : i;
                return i >= 0 && i < s.Length ? s[i].ToString() : throw new JinjaException($"string index {key} out of range", offset);
            }

            case Undefined u:
                throw new JinjaException($"'{u.Name}' is undefined, so it has no item {JinjaValues.Repr(key)}", offset);
            default:
                return key is string name ? GetAttr(target, name, offset, renderer) : new Undefined(JinjaValues.ToStr(key));
        }
    }

    private static JinjaFunction Method(Func<JinjaCall, object?> body) => new(body);

    private static object? StringMethod(string s, string name) => name switch
    {
        "upper" => Method(_ => s.ToUpperInvariant()),
        "lower" => Method(_ => s.ToLowerInvariant()),
        "strip" => Method(c => c.Args.Count > 0 && c.Args[0] is string chars ? s.Trim(chars.ToCharArray()) : s.Trim()),
        "lstrip" => Method(c => c.Args.Count > 0 && c.Args[0] is string chars ? s.TrimStart(chars.ToCharArray()) : s.TrimStart()),
        "rstrip" => Method(c => c.Args.Count > 0 && c.Args[0] is string chars ? s.TrimEnd(chars.ToCharArray()) : s.TrimEnd()),
        "split" => Method(c => c.Args.Count > 0 && c.Args[0] is string sep
            ? s.Split(sep).Cast<object?>().ToList()
            : s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Cast<object?>().ToList()),
        "replace" => Method(c => s.Replace(c.StringArg(0, "old") ?? string.Empty, c.StringArg(1, "new") ?? string.Empty, StringComparison.Ordinal)),
        "startswith" => Method(c => s.StartsWith(c.StringArg(0, "prefix") ?? string.Empty, StringComparison.Ordinal)),
        "endswith" => Method(c => s.EndsWith(c.StringArg(0, "suffix") ?? string.Empty, StringComparison.Ordinal)),
        "find" => Method(c => (long)s.IndexOf(c.StringArg(0, "sub") ?? string.Empty, StringComparison.Ordinal)),
        "count" => Method(c => (long)CountOf(s, c.StringArg(0, "sub") ?? string.Empty)),
        "title" => Method(_ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant())),
        "capitalize" => Method(_ => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()),
        "join" => Method(c => string.Join(s, JinjaValues.Iterate(c.Arg(0, "iterable")).Select(JinjaValues.ToStr))),
        "format" => Method(c => BraceFormat(s, c)),
        "isdigit" => Method(_ => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => Method(_ => s.Length > 0 && s.All(char.IsLetter)),
        "isupper" => Method(_ => s.Any(char.IsLetter) && !s.Any(char.IsLower)),
        "islower" => Method(_ => s.Any(char.IsLetter) && !s.Any(char.IsUpper)),
        _ => null,
    };

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var count = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static object? ListMethod(IList l, string name) => name switch
    {
        "append" => Method(c => { l.Add(c.Arg(0, "item")); return string.Empty; }),
        "extend" => Method(c => { foreach (var x in JinjaValues.Iterate(c.Arg(0, "items"))) { l.Add(x); } return string.Empty; }),
        "insert" => Method(c => { l.Insert((int)JinjaValues.ToDecimal(c.Arg(0, "index")), c.Arg(1, "item")); return string.Empty; }),
        "pop" => Method(c =>
        {
            var i = c.Args.Count > 0 ? (int)JinjaValues.ToDecimal(c.Args[0]) : l.Count - 1;
            i = i < 0 ? i + l.Count : i;
            if (i < 0 || i >= l.Count)
            {
                throw c.Error("pop from an empty list or an index out of range");
            }

            var item = l[i];
            l.RemoveAt(i);
            return item;
        }),
        "remove" => Method(c =>
        {
            var item = c.Arg(0, "item");
            var index = l.Cast<object?>().ToList().FindIndex(x => JinjaValues.Equals(x, item));
            if (index >= 0)
            {
                l.RemoveAt(index);
            }

            return string.Empty;
        }),
        "index" => Method(c => (long)l.Cast<object?>().ToList().FindIndex(x => JinjaValues.Equals(x, c.Arg(0, "item")))),
        "count" => Method(c => (long)l.Cast<object?>().Count(x => JinjaValues.Equals(x, c.Arg(0, "item")))),
        "copy" => Method(_ => l.Cast<object?>().ToList()),
        _ => null,
    };

    private static object? DictMethod(IDictionary<string, object?> d, string name) => name switch
    {
        "items" => Method(_ => d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList()),
        "keys" => Method(_ => d.Keys.Cast<object?>().ToList()),
        "values" => Method(_ => d.Values.ToList()),
        "get" => Method(c => c.StringArg(0, "key") is { } k && d.TryGetValue(k, out var v) ? v : c.Args.Count > 1 ? c.Args[1] : c.Kwargs.GetValueOrDefault("default")),
        "update" => Method(c =>
        {
            if (c.Args.Count > 0 && c.Args[0] is IDictionary<string, object?> other)
            {
                foreach (var (k, v) in other)
                {
                    d[k] = v;
                }
            }

            foreach (var (k, v) in c.Kwargs)
            {
                d[k] = v;
            }

            return string.Empty;
        }),
        "pop" => Method(c =>
        {
            var key = c.StringArg(0, "key") ?? string.Empty;
            if (d.Remove(key, out var v))
            {
                return v;
            }

            return c.Args.Count > 1 ? c.Args[1] : throw c.Error($"key '{key}' is not in the dict");
        }),
        "setdefault" => Method(c =>
        {
            var key = c.StringArg(0, "key") ?? string.Empty;
            if (!d.TryGetValue(key, out var v))
            {
                d[key] = v = c.Args.Count > 1 ? c.Args[1] : null;
            }

            return v;
        }),
        "copy" => Method(_ => new Dictionary<string, object?>(d, StringComparer.Ordinal)),
        _ => null,
    };

    /// <summary>Python's <c>'{} and {name}'.format(a, name=b)</c>, without format specs beyond the field.</summary>
    private static string BraceFormat(string format, JinjaCall c)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                sb.Append('{');
                i++;
            }
            else if (format[i] == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                sb.Append('}');
                i++;
            }
            else if (format[i] == '{')
            {
                var close = format.IndexOf('}', i);
                var field = format[(i + 1)..close].Split(':')[0];
                object? value = field.Length == 0 ? c.Args.ElementAtOrDefault(auto++)
                    : int.TryParse(field, out var index) ? c.Args.ElementAtOrDefault(index)
                    : c.Kwargs.GetValueOrDefault(field);
                sb.Append(JinjaValues.ToStr(value));
                i = close;
            }
            else
            {
                sb.Append(format[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>'%s-%s' % (a, b)</c> for %s, %d and %%.</summary>
    public static string PercentFormat(string format, object? values)
    {
        var args = values is IList l ? l.Cast<object?>().ToList() : [values];
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length)
            {
                var spec = format[++i];
                sb.Append(spec == '%' ? "%" : JinjaValues.ToStr(args.ElementAtOrDefault(next++)));
            }
            else
            {
                sb.Append(format[i]);
            }
        }

        return sb.ToString();
    }
}
