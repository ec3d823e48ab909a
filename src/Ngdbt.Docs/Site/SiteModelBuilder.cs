using Ngdbt.Docs.Artifacts;
using Ngdbt.Docs.Lineage;

namespace Ngdbt.Docs.Site;

/// <summary>Joins manifest, catalog and run results; computes layout, Markdown and column lineage.</summary>
internal static class SiteModelBuilder
{
    public static SiteModel Build(DocsOptions options, Func<DocsManifest> readManifest, ISqlParseTreeProvider? parser, List<DocsDiagnostic> diagnostics)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name) { phases.Add($"{name} {clock.ElapsedMilliseconds} ms"); clock.Restart(); }
        var manifest = readManifest();
        var catalogPath = Path.Combine(options.TargetDir, "catalog.json");
        var runsPath = Path.Combine(options.TargetDir, "run_results.json");
        var catalog = File.Exists(catalogPath) ? RunArtifactsReader.ReadCatalog(catalogPath) : [];
        if (!File.Exists(catalogPath)) diagnostics.Add(new(DocsSeverity.Info, "DOCS101", "catalog.json absent: column types and SELECT * expansion limited to manifest columns"));
        var runs = File.Exists(runsPath) ? RunArtifactsReader.ReadRunResults(runsPath) : new RunResults(null, new Dictionary<string, RunResult>());

        Phase("read");
        var nodes = manifest.Nodes.OrderBy(n => n.UniqueId, StringComparer.Ordinal).ToList();
        var indexOf = new Dictionary<string, int>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++) indexOf[nodes[i].UniqueId] = i;

        var parents = new List<int>[nodes.Count];
        var children = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) { parents[i] = []; children[i] = []; }
        for (var i = 0; i < nodes.Count; i++)
            foreach (var dep in nodes[i].DependsOn.Distinct())
            {
                if (indexOf.TryGetValue(dep, out var p)) { parents[i].Add(p); children[p].Add(i); }
                else diagnostics.Add(new(DocsSeverity.Warning, "DOCS201", $"depends on unknown node {dep}", nodes[i].UniqueId));
            }

        var inGraph = nodes.Select(n => SiteModel.GraphTypes.Contains(n.ResourceType)).ToArray();
        var layout = GraphLayout.Compute(inGraph, parents);
        diagnostics.AddRange(layout.Diagnostics.Select(d => new DocsDiagnostic(DocsSeverity.Warning, "DOCS202", d)));

        Phase("layout");
        var descriptions = new string[nodes.Count];
        var columnHtml = new string[nodes.Count][];
        Parallel.For(0, nodes.Count, i =>
        {
            descriptions[i] = MarkdownRenderer.ToHtml(nodes[i].Description);
            columnHtml[i] = nodes[i].Columns.Select(c => MarkdownRenderer.ToHtml(c.Description)).ToArray();
        });

        Phase("markdown");
        var lineage = parser is null ? new LineageResult?[nodes.Count] : ComputeLineage(nodes, catalog, parser, options, diagnostics);
        if (parser is null) diagnostics.Add(new(DocsSeverity.Info, "DOCS102", "no SQL parse tree provider: column lineage skipped"));

        Phase("lineage");
        diagnostics.Add(new(DocsSeverity.Info, "DOCS900", "timing: " + string.Join(", ", phases)));
        return new SiteModel(options.ProjectName ?? (manifest.ProjectName.Length > 0 ? manifest.ProjectName : "ngdbt project"),
            manifest, nodes, indexOf, parents, children, inGraph, layout, descriptions, columnHtml, catalog, runs,
            ColumnTests(nodes, indexOf, runs), lineage);
    }

    private static LineageResult?[] ComputeLineage(List<DocNode> nodes, Dictionary<string, CatalogEntry> catalog, ISqlParseTreeProvider parser, DocsOptions options, List<DocsDiagnostic> diagnostics)
    {
        IReadOnlyList<string> ColumnsOf(DocNode n) => catalog.TryGetValue(n.UniqueId, out var c) && c.Columns.Count > 0
            ? c.Columns.Select(x => x.Name).ToList()
            : n.Columns.Select(x => x.Name).ToList();

        var relations = nodes.Where(n => n.ResourceType is "model" or "seed" or "snapshot" or "source")
            .Select(n => new KnownRelation(n.UniqueId, n.RelationName, n.Name, ColumnsOf(n))).ToList();
        var targets = Enumerable.Range(0, nodes.Count)
            .Where(i => nodes[i].ResourceType is "model" or "snapshot" && !string.IsNullOrWhiteSpace(nodes[i].CompiledCode)).ToList();
        var requests = targets.Select(i => new LineageRequest(nodes[i].CompiledCode!,
            catalog.TryGetValue(nodes[i].UniqueId, out var c) ? c.Columns.Select(x => x.Name).ToList() : null)).ToArray();
        // Without reuse, nothing is hashed, read or kept: every model is analysed and the cache file is left alone.
        var cachePath = options.ResolvedLineageCacheFile;
        var cache = options.ReuseLineage ? LineageCache.Load(cachePath, relations, parser.Fingerprint) : null;
        var keys = new string[requests.Length];
        if (cache is not null) Parallel.For(0, requests.Length, k => keys[k] = LineageCache.Key(requests[k]));
        var byNode = new LineageResult?[nodes.Count];
        var misses = new List<int>();
        for (var k = 0; k < targets.Count; k++)
        {
            if (cache is not null && cache.TryGet(keys[k], out var cached)) byNode[targets[k]] = cached;
            else misses.Add(k);
        }

        var results = new ColumnLineageAnalyzer(parser, relations).AnalyzeMany(misses.Select(k => requests[k]).ToList());
        for (var m = 0; m < misses.Count; m++)
        {
            var k = misses[m];
            byNode[targets[k]] = results[m];
            cache?.Put(keys[k], results[m], nodes[targets[k]].DependsOn);
        }

        var saved = cache?.Save(cachePath) ?? true;
        diagnostics.Add(new(DocsSeverity.Info, "DOCS103", $"column lineage: {misses.Count} models analysed, {cache?.Hits ?? 0} unchanged ones reused from {Path.GetFileName(cachePath)}{(saved ? "" : " (could not update it)")}"));
        return byNode;
    }

    private static Dictionary<(int, string), List<ColumnTest>> ColumnTests(List<DocNode> nodes, Dictionary<string, int> indexOf, RunResults runs)
    {
        var map = new Dictionary<(int, string), List<ColumnTest>>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var t = nodes[i];
            if (t.ResourceType != "test" || t.ColumnName is null) continue;
            var attached = t.AttachedNode ?? t.DependsOn.FirstOrDefault();
            if (attached is null || !indexOf.TryGetValue(attached, out var target)) continue;
            var key = (target, t.ColumnName.ToLowerInvariant());
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(new ColumnTest(i, t.TestName ?? t.Name, runs.Results.TryGetValue(t.UniqueId, out var r) ? r.Status : null));
        }
        return map;
    }
}
