using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Graph;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Select;

public sealed record SelectionResult(IReadOnlySet<string> Selected, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The exposures, metrics and semantic models selected (listed by `ls`; never built).</summary>
    public IReadOnlySet<string> Declared { get; init; } = new HashSet<string>();
}

/// <summary>Stage 5: dbt's selection syntax. Space = union, comma = intersection; `+x`, `x+`, `2+x`, `x+1`, `@x`;
/// methods name (with * wildcards), tag:, path:, resource_type:, source:, test_type:, config.&lt;key&gt;:, fqn:, package:,
/// and state: (against a previous target/ given as <c>state</c>: modified[.part], new, old, unmodified).</summary>
public static partial class NodeSelector
{
    [GeneratedRegex(@"^(?<at>@)?(?:(?<up>\d*)\+)?(?<body>[^+]+?)(?:\+(?<down>\d*))?$")]
    private static partial Regex Atom();

    public static SelectionResult Select(ProjectManifest manifest, Dag dag, IReadOnlyList<string>? select, IReadOnlyList<string>? exclude, IReadOnlySet<ResourceType> types, State.StateComparison? state = null)
    {
        var diagnostics = new List<Diagnostic>();
        var candidates = manifest.Nodes.Values.Where(n => types.Contains(n.ResourceType)).Select(n => n.UniqueId).ToHashSet(StringComparer.Ordinal);
        var graph = new SelectionGraph(manifest, dag);
        HashSet<string> selected;
        HashSet<string> declared;
        if (select is null || select.Count == 0)
        {
            selected = [.. candidates];
            declared = graph.Declared.Select(d => d.UniqueId).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            selected = Evaluate(manifest, graph, select, diagnostics, state);
            declared = selected.Where(graph.IsDeclared).ToHashSet(StringComparer.Ordinal);
            selected = AddIndirectTests(manifest, selected, types);
            selected.IntersectWith(candidates);
        }

        if (exclude is { Count: > 0 })
        {
            var excluded = Evaluate(manifest, graph, exclude, diagnostics, state);
            selected.ExceptWith(excluded);
            declared.ExceptWith(excluded);
            // Tests of excluded nodes go too (dbt's eager indirect exclusion).
            selected.RemoveWhere(id => manifest.Nodes[id].ResourceType is ResourceType.Test or ResourceType.UnitTest && manifest.Nodes[id].DependsOn.Any(excluded.Contains));
        }

        return new SelectionResult(selected, diagnostics) { Declared = declared };
    }

    /// <summary>Tests are selected when a node they test is selected (dbt's eager indirect selection).</summary>
    private static HashSet<string> AddIndirectTests(ProjectManifest manifest, HashSet<string> selected, IReadOnlySet<ResourceType> types)
    {
        if (!types.Contains(ResourceType.Test) && !types.Contains(ResourceType.UnitTest))
        {
            return selected;
        }

        var result = new HashSet<string>(selected, StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Test or ResourceType.UnitTest))
        {
            if (node.DependsOn.Any(selected.Contains))
            {
                result.Add(node.UniqueId);
            }
        }

        return result;
    }

    private static HashSet<string> Evaluate(ProjectManifest manifest, SelectionGraph dag, IReadOnlyList<string> expressions, List<Diagnostic> diagnostics, State.StateComparison? state)
    {
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions.SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            HashSet<string>? intersection = null;
            foreach (var part in expression.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var matched = EvaluateAtom(manifest, dag, part, diagnostics, state);
                if (intersection is null)
                {
                    intersection = matched;
                }
                else
                {
                    intersection.IntersectWith(matched);
                }
            }

            union.UnionWith(intersection ?? []);
        }

        return union;
    }

    private static HashSet<string> EvaluateAtom(ProjectManifest manifest, SelectionGraph dag, string atom, List<Diagnostic> diagnostics, State.StateComparison? state)
    {
        var m = Atom().Match(atom);
        if (!m.Success)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"cannot parse selector '{atom}'"));
            return [];
        }

        var body = m.Groups["body"].Value;
        var seeds = MatchMethod(manifest, dag, body, diagnostics, state);
        if (seeds.Count == 0 && body.StartsWith("state:", StringComparison.Ordinal))
        {
            // Without --state the error already said why.
            if (state is not null)
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"selector '{atom}' matched nothing against the state in {state.StateDir}"));
            }
        }
        else if (seeds.Count == 0)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"selector '{atom}' matched nothing{Suggest.Hint(Suggest.Closest(body, manifest.Nodes.Values.Select(n => n.Name)))}"));
        }

        var result = new HashSet<string>(seeds, StringComparer.Ordinal);
        var up = m.Groups["up"];
        var down = m.Groups["down"];
        foreach (var id in seeds)
        {
            if (m.Groups["at"].Success)
            {
                foreach (var d in dag.Descendants(id).Append(id).ToList())
                {
                    result.Add(d);
                    result.UnionWith(dag.Ancestors(d));
                }
            }

            if (up.Success)
            {
                result.UnionWith(dag.Ancestors(id, Depth(up.Value)));
            }

            if (down.Success)
            {
                result.UnionWith(dag.Descendants(id, Depth(down.Value)));
            }
        }

        return result;
    }

    private static int? Depth(string text) => text.Length == 0 ? null : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
