using System.Globalization;
using System.Text;

namespace Ngdbt.Manifest;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of YAML values (str, int, float, bool, None, list, dict), as dbt
/// applies them when it names and hashes generic tests. Only the cases YAML can produce are covered.</summary>
internal static class PythonText
{
    /// <summary>Python's <c>str(value)</c>: strings as they are, containers as their repr.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr(value)</c>.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        string s => ReprString(s),
        bool b => b ? "True" : "False",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => Float((double)d),
        double d => Float(d),
        IReadOnlyDictionary<string, object?> dict => "{" + string.Join(", ", dict.Select(kv => ReprString(kv.Key) + ": " + Repr(kv.Value))) + "}",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        _ => ReprString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    /// <summary>Python's float repr: the shortest round-trip digits, always with a fractional part or exponent.</summary>
    private static string Float(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // Python: 1e+16, 1.5e-07 (two-digit exponent at least).
            var parts = text.Split('E');
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return parts[0] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return text.Contains('.', StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal) || text == "NaN" ? text : text + ".0";
    }

    /// <summary>Python's string repr: single quotes unless the text holds a single quote and no double quote.</summary>
    public static string ReprString(string s) => AppendReprString(new StringBuilder(s.Length + 2), s).ToString();

    /// <summary><see cref="ReprString"/> appended to <paramref name="sb"/>.</summary>
    public static StringBuilder AppendReprString(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '\n':
                    sb.Append(@"\n");
                    break;
                case '\r':
                    sb.Append(@"\r");
                    break;
                case '\t':
                    sb.Append(@"\t");
                    break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
                    {
                        sb.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append(quote);
    }
}
