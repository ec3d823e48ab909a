using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Diagnostics;
using Ngdbt.Freshness;
using Ngdbt.Manifest;

namespace Ngdbt.Engine;

public sealed record FreshnessOutcome(IReadOnlyList<FreshnessResult> Results, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => !Diagnostics.Any(d => d.IsError);
}

public sealed partial class NgdbtEngine
{
    /// <summary>`source freshness`: measures the given sources that declare freshness; a stale source is a warning
    /// (warn_after) or an error (error_after, or when it cannot be measured), NG0107 — or only warnings when
    /// <paramref name="staleIsWarning"/> (what `build` does before it builds). Writes target/sources.json when asked.</summary>
    public FreshnessOutcome SourceFreshness(OpenedProject opened, IEnumerable<string> ids, IDatabaseAdapter adapter, bool staleIsWarning, string? writeVersion = null, Func<DateTime>? utcNow = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = new List<Diagnostic>();
        var specs = new List<(Node, FreshnessSpec)>();
        foreach (var node in ids.Select(id => opened.Manifest.Nodes[id]).Where(n => n.ResourceType == ResourceType.Source).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            var (spec, problem) = FreshnessSpec.Of(node);
            if (problem is not null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FreshnessConfig, node.Span, problem));
            }
            else if (spec is not null)
            {
                specs.Add((node, spec));
            }
        }

        var results = FreshnessChecker.Check(opened.Manifest, specs, adapter, Adapters.FileEngine, utcNow);
        foreach (var r in results.Where(r => r.Status != FreshnessStatus.Pass))
        {
            var message = $"source '{r.Source.SourceName}.{r.Source.Name}' is {(r.Status == FreshnessStatus.RuntimeError ? "of unknown freshness" : "stale")} ({FreshnessResult.StatusName(r.Status)}): {r.Message}";
            diagnostics.Add(r.Status == FreshnessStatus.Warn || staleIsWarning
                ? Diagnostic.Warning(DiagnosticCodes.SourceStale, r.Source.Span, message)
                : Diagnostic.Error(DiagnosticCodes.SourceStale, r.Source.Span, message));
        }

        if (writeVersion is not null)
        {
            SourcesJson.Write(opened.Project.TargetDir, writeVersion, results, clock.Elapsed);
        }

        return new FreshnessOutcome(results, diagnostics);
    }

    /// <summary>Before a build: the sources upstream of the selection that declare freshness are measured, and a stale
    /// extract is a warning (the build goes on; `source freshness` is the gate).</summary>
    private void WarnStaleSources(OpenedProject opened, IReadOnlySet<string> selected, IDatabaseAdapter adapter, IEngineListener listener)
    {
        var sources = selected.SelectMany(id => opened.Dag.Ancestors(id).Append(id)).Distinct(StringComparer.Ordinal)
            .Where(id => opened.Manifest.Nodes[id] is { ResourceType: ResourceType.Source } n && n.Config.Values.ContainsKey("freshness"))
            .ToList();
        if (sources.Count > 0)
        {
            listener.Diagnostics(SourceFreshness(opened, sources, adapter, staleIsWarning: true).Diagnostics);
        }
    }
}
