using Ngdbt.Diagnostics;
using Ngdbt.Load;

namespace Ngdbt.Manifest;

internal sealed partial class Linker
{
    private void ResolveDependencies()
    {
        var byName = _nodes.Values
            .Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot)
            .ToDictionary(n => n.Name, n => n.UniqueId, StringComparer.Ordinal);
        var sources = _nodes.Values.Where(n => n.ResourceType == ResourceType.Source)
            .ToDictionary(n => (n.SourceName!, n.Name), n => n.UniqueId);

        // Each node resolves on its own (the diagnostics bag takes reports from any thread, and is sorted at the end);
        // the resolved nodes then replace the linked ones in order.
        var linked = _nodes.Values.ToArray();
        var resolved = new Node[linked.Length];
        Parallel.For(0, linked.Length, i => resolved[i] = Resolve(linked[i], byName, sources));
        foreach (var node in resolved)
        {
            _nodes[node.UniqueId] = node;
        }
    }

    private Node Resolve(Node node, Dictionary<string, string> byName, Dictionary<(string, string), string> sources)
    {
        var deps = new List<string>();
        foreach (var dep in node.DependsOn)
        {
            if (!dep.StartsWith("ref:", StringComparison.Ordinal))
            {
                deps.Add(dep);
            }
            else if (byName.TryGetValue(dep[4..], out var id))
            {
                deps.Add(id);
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.UnknownRef, node.Span, $"'{node.Name}' refers to '{dep[4..]}', which is not a model, seed or snapshot{Suggest.Hint(Suggest.Closest(dep[4..], byName.Keys))}");
            }
        }

        if (node.Template is { } template)
        {
            foreach (var r in template.Refs)
            {
                if (byName.TryGetValue(r.Name, out var id))
                {
                    deps.Add(id);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.UnknownRef, r.Span, $"ref('{r.Name}') does not match any model, seed or snapshot{Suggest.Hint(Suggest.Closest(r.Name, byName.Keys))}");
                }
            }

            foreach (var s in template.Sources)
            {
                if (sources.TryGetValue((s.SourceName, s.TableName), out var id))
                {
                    deps.Add(id);
                }
                else
                {
                    var known = sources.Keys.Select(k => $"{k.Item1}.{k.Item2}");
                    diagnostics.Error(DiagnosticCodes.UnknownSource, s.Span, $"source('{s.SourceName}', '{s.TableName}') is not declared in any sources YAML{Suggest.Hint(Suggest.Closest($"{s.SourceName}.{s.TableName}", known))}");
                }
            }
        }

        var usedMacros = node.Template?.CalledNames.Where(n => macros.ContainsKey(n)).Select(n => macros[n].UniqueId).ToList() ?? [];
        return node with { DependsOn = [.. deps.Distinct(StringComparer.Ordinal)], DependsOnMacros = usedMacros };
    }
}
