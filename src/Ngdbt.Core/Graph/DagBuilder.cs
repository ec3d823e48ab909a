using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using QuikGraph;

namespace Ngdbt.Graph;

public sealed record DagResult(Dag? Dag, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Stage 4: builds the DAG with QuikGraph and reports cycles with their full path and the position of each ref.</summary>
public static class DagBuilder
{
    public static DagResult Build(ProjectManifest manifest)
    {
        var graph = new BidirectionalGraph<string, Edge<string>>(allowParallelEdges: false);
        var ids = manifest.Nodes.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            graph.AddVertex(id);
        }

        foreach (var node in manifest.Nodes.Values)
        {
            foreach (var dep in node.DependsOn.Where(id => manifest.Nodes.ContainsKey(id)))
            {
                if (node.ResourceType == ResourceType.UnitTest)
                {
                    // A unit test runs before the model it tests (it needs only the model's inputs), and gates it in `build`.
                    foreach (var parent in manifest.Nodes[dep].DependsOn.Where(id => manifest.Nodes.ContainsKey(id)))
                    {
                        graph.AddEdge(new Edge<string>(parent, node.UniqueId));
                    }

                    graph.AddEdge(new Edge<string>(node.UniqueId, dep));
                }
                else
                {
                    graph.AddEdge(new Edge<string>(dep, node.UniqueId));
                }
            }
        }

        // Kahn's order reaches every node exactly when there is no cycle; only then is one looked for, to report it.
        var order = Dag.Sort(graph, ids);
        if (order.Count < ids.Length)
        {
            var cycle = FindCycle(graph) ?? throw new InvalidOperationException("the topological order misses nodes but no cycle was found");
            return new DagResult(null, [CycleDiagnostic(cycle, manifest)]);
        }

        return new DagResult(new Dag(graph, order), []);
    }

    private static Diagnostic CycleDiagnostic(List<string> cycle, ProjectManifest manifest)
    {
        var names = cycle.Select(id => manifest.Nodes[id].Name).ToList();
        var refs = new List<string>();
        SourceSpan? first = null;
        for (var i = 0; i < cycle.Count - 1; i++)
        {
            var parent = manifest.Nodes[cycle[i]];
            var child = manifest.Nodes[cycle[i + 1]];
            var span = child.Template?.Refs.FirstOrDefault(r => r.Name == parent.Name)?.Span ?? child.Span;
            first ??= span;
            refs.Add($"{span}: {child.Name} refs {parent.Name}");
        }

        var path = string.Join(" -> ", names.AsEnumerable().Reverse());
        return Diagnostic.Error(DiagnosticCodes.Cycle, first ?? SourceSpan.Unknown, $"dependency cycle: {path}\n  " + string.Join("\n  ", refs));
    }

    /// <summary>Iterative DFS that returns one cycle as a closed path of ids (first == last), following dependency edges.</summary>
    private static List<string>? FindCycle(BidirectionalGraph<string, Edge<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var root in graph.Vertices)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new List<(string Node, IEnumerator<Edge<string>> Edges)> { (root, graph.OutEdges(root).GetEnumerator()) };
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, edges) = stack[^1];
                if (!edges.MoveNext())
                {
                    state[node] = 2;
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                var next = edges.Current.Target;
                if (!state.TryGetValue(next, out var s))
                {
                    state[next] = 1;
                    stack.Add((next, graph.OutEdges(next).GetEnumerator()));
                }
                else if (s == 1)
                {
                    var start = stack.FindIndex(f => f.Node == next);
                    var path = stack.Skip(start).Select(f => f.Node).ToList();
                    path.Add(next);
                    return path;
                }
            }
        }

        return null;
    }
}
