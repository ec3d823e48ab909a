using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Parse;

public static partial class SchemaYamlParser
{
    private static readonly HashSet<string> TestConfigKeys = new(StringComparer.Ordinal) { "severity", "error_if", "warn_if", "where", "limit", "store_failures", "tags", "enabled", "meta", "fail_calc", "alias", "schema" };

    /// <summary>Reads `tests:` entries: a bare name, or `{name: {arg: value, config: {...}}}`, or dbt 1.8's `{name: {arguments: {...}}}`.</summary>
    private static List<DataTestSpec> Tests(YamlNode? node, string? column, string file, DiagnosticBag diagnostics)
    {
        var list = new List<DataTestSpec>();
        if (node is null)
        {
            return list;
        }

        if (node is not YamlSequenceNode seq)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(node, file), "'tests' must be a list");
            return list;
        }

        foreach (var item in seq.Children)
        {
            switch (item)
            {
                case YamlScalarNode { Value: { Length: > 0 } name }:
                    list.Add(new DataTestSpec(name, new Dictionary<string, object?>(), new Dictionary<string, object?>(), column, Yaml.Span(item, file)));
                    break;
                case YamlMappingNode m when m.Children.Count == 1:
                    var (testName, _, body) = m.Entries().First();
                    var args = new Dictionary<string, object?>(StringComparer.Ordinal);
                    var config = new Dictionary<string, object?>(StringComparer.Ordinal);
                    if (body is YamlMappingNode bm)
                    {
                        foreach (var (k, kn, v) in bm.Entries())
                        {
                            if (k == "config" && v is YamlMappingNode cm)
                            {
                                CheckKeys(cm, TestConfigKeys, file, diagnostics, $"config of test '{testName}'");
                                foreach (var (ck, _, cv) in cm.Entries())
                                {
                                    config[ck] = Yaml.ToPlain(cv);
                                }
                            }
                            else if (k == "arguments" && v is YamlMappingNode am)
                            {
                                foreach (var (ak, _, av) in am.Entries())
                                {
                                    args[ak] = Yaml.ToPlain(av);
                                }
                            }
                            else if (TestConfigKeys.Contains(k) && k is not "alias")
                            {
                                config[k] = Yaml.ToPlain(v);
                            }
                            else
                            {
                                args[k] = Yaml.ToPlain(v);
                            }
                        }
                    }

                    list.Add(new DataTestSpec(testName, args, config, column, Yaml.Span(m, file)));
                    break;
                default:
                    diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(item, file), "a test is a name (`- unique`) or a mapping with one key (`- accepted_values: {values: [...]}`)");
                    break;
            }
        }

        return list;
    }

    private static List<SourceDoc> Sources(YamlNode? node, string file, DiagnosticBag diagnostics)
    {
        var list = new List<SourceDoc>();
        foreach (var s in Items(node, file, diagnostics, "sources"))
        {
            var tables = new List<SourceTableDoc>();
            foreach (var t in Items(s.Get("tables"), file, diagnostics, "tables"))
            {
                tables.Add(new SourceTableDoc(
                    t.GetString("name")!,
                    t.GetString("identifier"),
                    t.GetString("description"),
                    Meta(t),
                    Columns(t.Get("columns"), file, diagnostics),
                    Tests(t.Get("data_tests") ?? t.Get("tests"), null, file, diagnostics),
                    Yaml.Span(t, file))
                { Freshness = FreshnessOf(t, file) });
            }

            list.Add(new SourceDoc(s.GetString("name")!, s.GetString("schema"), s.GetString("description"), Meta(s), tables, Yaml.Span(s, file)) { Freshness = FreshnessOf(s, file) });
        }

        return list;
    }

    /// <summary>`loaded_at_field` and `freshness` of a source or source table (also under `config:`), or null.</summary>
    private static SourceFreshnessDoc? FreshnessOf(YamlMappingNode m, string file)
    {
        var config = m.Get("config") as YamlMappingNode;
        var field = m.GetString("loaded_at_field") ?? config?.GetString("loaded_at_field");
        var freshness = m.Get("freshness") ?? config?.Get("freshness");
        return field is null && freshness is null
            ? null
            : new SourceFreshnessDoc(field, freshness is null ? null : Yaml.ToPlain(freshness) as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(), Yaml.Span(freshness ?? m, file));
    }

    private static IReadOnlyDictionary<string, object?> Meta(YamlMappingNode m)
    {
        var meta = m.Get("meta") is YamlMappingNode mm ? new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)Yaml.ToPlain(mm)!, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
        if (m.Get("config") is YamlMappingNode cfg && cfg.Get("meta") is YamlMappingNode cm)
        {
            foreach (var (k, _, v) in cm.Entries())
            {
                meta[k] = Yaml.ToPlain(v);
            }
        }

        return meta;
    }
}
