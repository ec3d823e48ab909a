using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Parse;

/// <summary>Stage 2 for YAML: turns a schema file into a <see cref="SchemaDocument"/>, reporting shape errors with positions.</summary>
public static partial class SchemaYamlParser
{
    private static readonly HashSet<string> TopKeys = new(StringComparer.Ordinal) { "version", "models", "sources", "seeds", "snapshots", "unit_tests", "macros", "exposures", "metrics", "semantic_models", "data_tests", "saved_queries" };
    private static readonly HashSet<string> ResourceKeys = new(StringComparer.Ordinal) { "name", "description", "config", "columns", "tests", "data_tests", "meta", "tags", "docs", "constraints", "access", "latest_version", "versions", "relation" };
    private static readonly HashSet<string> ColumnKeys = new(StringComparer.Ordinal) { "name", "description", "data_type", "tests", "data_tests", "meta", "tags", "quote", "constraints", "docs" };

    /// <summary>Models, seeds and snapshots are converted as the YAML reader finishes each entry, which then leaves the
    /// tree: a schema file of thousands of entries never holds its whole YAML tree, which the garbage collector would
    /// otherwise copy from generation to generation while the rest of the file parses. What those entries report is
    /// kept aside until the file has parsed: a file with a syntax error reports only that, as it did before.</summary>
    public static SchemaDocument? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var streamed = new Dictionary<string, List<ResourceDoc>>(StringComparer.Ordinal) { ["models"] = [], ["seeds"] = [], ["snapshots"] = [] };
        var entryDiagnostics = new DiagnosticBag();
        var root = Yaml.ParseMapping(text, file, diagnostics, consume: (key, item) =>
        {
            if (!streamed.TryGetValue(key, out var list))
            {
                return false;
            }

            if (Entry(item, file, entryDiagnostics, "models") is { } m)
            {
                list.Add(Resource(m, file, entryDiagnostics));
            }

            return true;
        });
        if (root is null)
        {
            return null;
        }

        diagnostics.AddRange(entryDiagnostics.ToSortedList());
        CheckKeys(root, TopKeys, file, diagnostics, "schema file");
        return new SchemaDocument(
            file,
            [.. streamed["models"], .. Resources(root.Get("models"), file, diagnostics)],
            [.. streamed["seeds"], .. Resources(root.Get("seeds"), file, diagnostics)],
            [.. streamed["snapshots"], .. Resources(root.Get("snapshots"), file, diagnostics)],
            Sources(root.Get("sources"), file, diagnostics),
            UnitTests(root.Get("unit_tests"), file, diagnostics))
        {
            Declared = Declared(root, file, diagnostics),
        };
    }

    /// <summary>Exposures, metrics, semantic models and saved queries: carried into the manifest as declared.</summary>
    private static List<DeclaredResource> Declared(YamlMappingNode root, string file, DiagnosticBag diagnostics)
    {
        var list = new List<DeclaredResource>();
        foreach (var kind in new[] { "exposures", "metrics", "semantic_models", "saved_queries" })
        {
            foreach (var m in Items(root.Get(kind), file, diagnostics, kind))
            {
                var properties = Yaml.ToPlain(m) as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
                list.Add(new DeclaredResource(kind[..^1].Replace("ie", "y", StringComparison.Ordinal), m.GetString("name")!, m.GetString("description"), properties, Yaml.Span(m, file)));
            }
        }

        return list;
    }

    internal static void CheckKeys(YamlMappingNode map, HashSet<string> known, string file, DiagnosticBag diagnostics, string where)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (!known.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(keyNode, file), $"unknown key '{key}' in {where}{Suggest.Hint(Suggest.Closest(key, known))}");
            }
        }
    }

    private static IEnumerable<YamlMappingNode> Items(YamlNode? node, string file, DiagnosticBag diagnostics, string what)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlSequenceNode seq)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(node, file), $"'{what}' must be a list (each item starting with '- name: ...')");
            yield break;
        }

        foreach (var item in seq.Children)
        {
            if (Entry(item, file, diagnostics, what) is { } m)
            {
                yield return m;
            }
        }
    }

    /// <summary>A list entry as a mapping with a name, or null (reported) when it is not one.</summary>
    private static YamlMappingNode? Entry(YamlNode item, string file, DiagnosticBag diagnostics, string what)
    {
        if (item is YamlMappingNode m && m.GetString("name") is { Length: > 0 })
        {
            return m;
        }

        diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(item, file), $"each entry of '{what}' must be a mapping with a 'name'");
        return null;
    }

    private static List<ResourceDoc> Resources(YamlNode? node, string file, DiagnosticBag diagnostics)
        => [.. Items(node, file, diagnostics, "models").Select(m => Resource(m, file, diagnostics))];

    private static ResourceDoc Resource(YamlMappingNode m, string file, DiagnosticBag diagnostics)
    {
        CheckKeys(m, ResourceKeys, file, diagnostics, $"'{m.GetString("name")}'");
        var (config, spans) = Config(m, file, diagnostics);
        return new ResourceDoc(
            m.GetString("name")!,
            m.GetString("description"),
            config,
            spans,
            Columns(m.Get("columns"), file, diagnostics),
            Tests(m.Get("data_tests") ?? m.Get("tests"), null, file, diagnostics),
            Yaml.Span(m, file),
            m.GetString("relation"));
    }

    private static (Dictionary<string, object?> Values, Dictionary<string, SourceSpan> Spans) Config(YamlMappingNode m, string file, DiagnosticBag diagnostics)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        if (m.Get("config") is YamlMappingNode cfg)
        {
            foreach (var (k, kn, v) in cfg.Entries())
            {
                values[k] = Yaml.ToPlain(v);
                spans[k] = Yaml.Span(kn, file);
            }
        }
        else if (m.Get("config") is { } bad and not YamlScalarNode { Value: null or "" })
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(bad, file), "'config' must be a mapping");
        }

        foreach (var key in new[] { "tags", "meta" })
        {
            if (m.Get(key) is { } n && !values.ContainsKey(key))
            {
                values[key] = Yaml.ToPlain(n);
                spans[key] = Yaml.Span(n, file);
            }
        }

        return (values, spans);
    }

    private static List<ColumnSpec> Columns(YamlNode? node, string file, DiagnosticBag diagnostics)
    {
        var list = new List<ColumnSpec>();
        foreach (var c in Items(node, file, diagnostics, "columns"))
        {
            CheckKeys(c, ColumnKeys, file, diagnostics, $"column '{c.GetString("name")}'");
            var name = c.GetString("name")!;
            var meta = c.Get("meta") is YamlMappingNode mm ? (IReadOnlyDictionary<string, object?>)Yaml.ToPlain(mm)! : new Dictionary<string, object?>();
            list.Add(new ColumnSpec(name, c.GetString("description"), c.GetString("data_type"), Tests(c.Get("data_tests") ?? c.Get("tests"), name, file, diagnostics), meta, Yaml.Span(c, file)));
        }

        return list;
    }
}
