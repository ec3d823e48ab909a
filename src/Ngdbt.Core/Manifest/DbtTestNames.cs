using System.Text.RegularExpressions;

namespace Ngdbt.Manifest;

/// <summary>A generic test's name, alias and unique-id hash, computed the way dbt-core computes them, so that
/// `test.&lt;project&gt;.&lt;name&gt;.&lt;hash&gt;` equals the id dbt gives the same YAML (tools and state comparisons key
/// on it). The algorithm (re-implemented from dbt-core's generic test builder and schema parser):
/// <list type="bullet">
/// <item>test type: the test's name, `source_` before it on a source, the namespace and `_` before that
/// (`dbt_utils_source_expression_is_true`); target: the model's name, or `&lt;source&gt;_&lt;table&gt;`.</item>
/// <item>arguments (without `model` and the config keys), sorted by key; a dict contributes its values, a list its
/// items, each through Python's <c>str()</c> with every run of characters outside [0-9a-zA-Z_] replaced by `_`;
/// joined by `__`. Name: `&lt;type&gt;_&lt;target&gt;_&lt;args&gt;`.</item>
/// <item>alias: the name, or when it is 64 characters or more, the first 30 characters of `&lt;type&gt;_&lt;target&gt;`, `_`
/// and the md5 of the full name.</item>
/// <item>hash: the last 10 hex digits of md5(name + repr(metadata)), metadata being {kwargs, name, namespace} with
/// keys sorted at every level and every leaf turned into its <c>str()</c>; kwargs hold the arguments, `column_name`,
/// and `model` = <c>{{ get_where_subquery(ref('x')) }}</c> or <c>source('s', 't')</c> inside.</item>
/// </list>
/// A `name:` argument replaces the synthesized name (and is not passed on), as in dbt.</summary>
internal static partial class DbtTestNames
{
    /// <summary>Test arguments that are configs in dbt, never keyword arguments of the test macro.</summary>
    public static readonly IReadOnlySet<string> ConfigArgs = new HashSet<string>(StringComparer.Ordinal)
    {
        "severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures", "store_failures_as", "meta", "database", "schema", "alias", "config",
    };

    [GeneratedRegex("[^0-9a-zA-Z_]+")]
    private static partial Regex NonWord();

    /// <summary>Identity of one generic test. <paramref name="testName"/> may be namespaced (`dbt_utils.at_least_one`);
    /// <paramref name="sourceName"/> is set when the target is a source table.</summary>
    public static DbtTestIdentity Compute(string testName, string targetName, string? sourceName, string? columnName, IReadOnlyDictionary<string, object?> args)
    {
        var dot = testName.LastIndexOf('.');
        var ns = dot < 0 ? null : testName[..dot];
        var shortTest = dot < 0 ? testName : testName[(dot + 1)..];
        var kwargs = args.Where(a => !ConfigArgs.Contains(a.Key) && a.Key != "name").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        if (columnName is not null)
        {
            kwargs["column_name"] = columnName;
        }

        var type = sourceName is null ? shortTest : "source_" + shortTest;
        if (ns is not null)
        {
            type = ns + "_" + type;
        }

        var target = sourceName is null ? targetName : sourceName + "_" + targetName;
        string name;
        string alias;
        if (args.GetValueOrDefault("name") is string custom)
        {
            name = custom;
            alias = custom;
        }
        else
        {
            var flat = OrdinalSort.Sorted(kwargs.Keys).SelectMany(k => Parts(kwargs[k])).Select(p => NonWord().Replace(PythonText.Str(p), "_"));
            var identifier = type + "_" + target;
            name = identifier + "_" + string.Join("__", flat);
            alias = name.Length >= 64 ? identifier[..Math.Min(30, identifier.Length)] + "_" + Md5(name) : name;
        }

        var model = sourceName is null ? $"ref('{targetName}')" : $"source('{sourceName}', '{targetName}')";
        kwargs["model"] = "{{ get_where_subquery(" + model + ") }}";
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kwargs"] = kwargs,
            ["name"] = shortTest,
            ["namespace"] = ns,
        };
        var hashed = new System.Text.StringBuilder(name, name.Length + 256);
        AppendHashableRepr(hashed, metadata);
        var hash = Md5(hashed.ToString())[^10..];
        return new DbtTestIdentity(name, alias, hash, kwargs);
    }

    private static IEnumerable<object?> Parts(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> dict => dict.Values,
        string => [value],
        IEnumerable<object?> list => list,
        _ => [value],
    };

    /// <summary>Python's repr of dbt's hashable form of a value (dicts with sorted keys, lists kept, every other value
    /// as its <c>str()</c>), written straight into <paramref name="sb"/> instead of building the form first.</summary>
    private static void AppendHashableRepr(System.Text.StringBuilder sb, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> dict:
                sb.Append('{');
                var firstKey = true;
                foreach (var (k, v) in OrdinalSort.ByKey(dict))
                {
                    sb.Append(firstKey ? string.Empty : ", ");
                    firstKey = false;
                    PythonText.AppendReprString(sb, k).Append(": ");
                    AppendHashableRepr(sb, v);
                }

                sb.Append('}');
                break;
            case string s:
                PythonText.AppendReprString(sb, s);
                break;
            case IEnumerable<object?> list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    sb.Append(firstItem ? string.Empty : ", ");
                    firstItem = false;
                    AppendHashableRepr(sb, item);
                }

                sb.Append(']');
                break;
            default:
                PythonText.AppendReprString(sb, PythonText.Str(value));
                break;
        }
    }

    private static string Md5(string text) => TextHash.Md5(text);
}

/// <summary><see cref="Name"/> is the node name and unique-id part, <see cref="Alias"/> the relation/file name
/// (shortened when long), <see cref="Kwargs"/> the test's keyword arguments as dbt's `test_metadata.kwargs`.</summary>
internal sealed record DbtTestIdentity(string Name, string Alias, string Hash, IReadOnlyDictionary<string, object?> Kwargs);
