using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Parse;

public static partial class SchemaYamlParser
{
    private static List<UnitTestDoc> UnitTests(YamlNode? node, string file, DiagnosticBag diagnostics)
    {
        var list = new List<UnitTestDoc>();
        foreach (var u in Items(node, file, diagnostics, "unit_tests"))
        {
            var name = u.GetString("name")!;
            var model = u.GetString("model");
            if (model is null)
            {
                diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(u, file), $"unit test '{name}' must name its 'model'");
                continue;
            }

            var given = new List<UnitTestInput>();
            if (u.Get("given") is YamlSequenceNode gs)
            {
                foreach (var g in gs.Children.OfType<YamlMappingNode>())
                {
                    var input = g.GetString("input");
                    if (input is null)
                    {
                        diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(g, file), "each 'given' entry needs an 'input' such as ref('stg_stripe')");
                        continue;
                    }

                    given.Add(new UnitTestInput(input, Rows(g, file, diagnostics), Yaml.Span(g, file)));
                }
            }

            var expect = u.Get("expect") is YamlMappingNode e ? Rows(e, file, diagnostics) : new UnitTestRows([]);
            var overrides = u.Get("overrides") is YamlMappingNode o ? (IReadOnlyDictionary<string, object?>)Yaml.ToPlain(o)! : new Dictionary<string, object?>();
            list.Add(new UnitTestDoc(name, new UnitTestSpec(model, given, expect, overrides, Yaml.Span(u, file)), u.GetString("description")));
        }

        return list;
    }

    private static UnitTestRows Rows(YamlMappingNode m, string file, DiagnosticBag diagnostics)
    {
        var format = m.GetString("format") ?? "dict";
        var rowsNode = m.Get("rows");
        if (format == "csv" && rowsNode is YamlScalarNode csv)
        {
            var lines = (csv.Value ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 0)
            {
                return new UnitTestRows([]);
            }

            // CSV cells are typed like plain YAML scalars: 12.5 is a number, true a boolean, empty or null is NULL.
            var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
            var rows = lines.Skip(1).Select(l =>
            {
                var cells = l.Split(',');
                return (IReadOnlyDictionary<string, object?>)header.Select((h, i) => (h, v: i < cells.Length ? cells[i].Trim() : null))
                    .ToDictionary(x => x.h, x => x.v is null or "" ? null : Yaml.ScalarValue(new YamlScalarNode(x.v)), StringComparer.Ordinal);
            }).ToList();
            return new UnitTestRows(rows);
        }

        if (rowsNode is YamlSequenceNode seq)
        {
            return new UnitTestRows([.. seq.Children.Select(r => r is YamlMappingNode rm
                ? (IReadOnlyDictionary<string, object?>)Yaml.ToPlain(rm)!
                : new Dictionary<string, object?>())]);
        }

        if (rowsNode is not null)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(rowsNode, file), "'rows' must be a list of mappings, or CSV text with `format: csv`");
        }

        return new UnitTestRows([]);
    }
}
