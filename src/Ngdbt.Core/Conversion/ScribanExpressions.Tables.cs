using System.Globalization;
using System.Text;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>The names, filters and literals the translation knows.</summary>
internal sealed partial class ScribanExpressions
{
    /// <summary>dbt context names a native template does not have (the Jinja front-end gives them only to Jinja files).</summary>
    private static readonly HashSet<string> JinjaOnly = new(StringComparer.Ordinal)
    {
        "adapter", "modules", "graph", "model", "execute", "run_query", "statement", "load_result", "log", "exceptions",
        "namespace", "caller", "varargs", "kwargs", "api", "builtins", "flags", "invocation_id", "run_started_at",
        "dbt_version", "zip", "range", "dict", "list", "tojson", "fromjson", "toyaml", "fromyaml", "print", "doc",
        "selected_resources", "results", "schemas", "context", "local_md5", "return", "loop", "config", "dbt_utils",
        "set", "set_strict", "try_or_compiler_error", "database", "schema", "sources", "write", "submit_python_job",
        "store_result", "store_raw_result", "lookup",
    };

    /// <summary>Scriban keywords and built-in objects: a Jinja variable of one of these names would mean something else.</summary>
    private static readonly HashSet<string> ScribanReserved = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "for", "in", "while", "tablerow", "capture", "readonly", "import", "with", "wrap", "include",
        "func", "ret", "case", "when", "break", "continue", "do", "null", "true", "false", "empty", "array", "date", "html",
        "math", "object", "regex", "string", "timespan", "blank",
    };

    /// <summary>Jinja filters with a Scriban builtin of the same result: name → (function, number of arguments).</summary>
    private static readonly Dictionary<string, (string Function, int Args)> Filters = new(StringComparer.Ordinal)
    {
        ["upper"] = ("string.upcase", 0),
        ["lower"] = ("string.downcase", 0),
        ["trim"] = ("string.strip", 0),
        ["join"] = ("array.join", 1),
        ["replace"] = ("string.replace", 2),
        ["first"] = ("array.first", 0),
        ["last"] = ("array.last", 0),
        ["length"] = ("array.size", 0),
        ["count"] = ("array.size", 0),
        ["abs"] = ("math.abs", 0),
    };

    /// <summary>`loop.*` inside a `for`: Scriban's `for.*` counts from 0.</summary>
    private static readonly Dictionary<string, string> LoopMembers = new(StringComparer.Ordinal)
    {
        ["index"] = "(for.index + 1)",
        ["index0"] = "for.index",
        ["first"] = "for.first",
        ["last"] = "for.last",
        ["revindex"] = "(for.rindex + 1)",
        ["revindex0"] = "for.rindex",
        ["length"] = "(for.index + for.rindex + 1)",
    };

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('\'');
        foreach (var ch in s)
        {
            _ = ch switch
            {
                '\'' => sb.Append("\\'"),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ => sb.Append(ch),
            };
        }

        return sb.Append('\'').ToString();
    }

    private static string Const(ConstExpr c) => c.Value switch
    {
        null => "null",
        true => "true",
        false => "false",
        string s => Quote(s),
        long l => l.ToString(CultureInfo.InvariantCulture),
        // Scriban reads 0.5 as a double; money stays exact only in Jinja.
        decimal => throw new KeptInJinja("decimal literal (Scriban reads it as a double)", c.Offset),
        _ => throw new KeptInJinja($"literal {c.Value}", c.Offset),
    };

    private static int StringMethodArgs(string method) => method switch { "replace" => 2, "startswith" or "endswith" => 1, _ => 0 };

    private static string StringMethod(string method) => method switch
    {
        "upper" => "string.upcase",
        "lower" => "string.downcase",
        "strip" => "string.strip",
        "replace" => "string.replace",
        "startswith" => "string.starts_with",
        _ => "string.ends_with",
    };
}
