using Ngdbt.Docs.Artifacts;
using Ngdbt.Docs.Lineage;

namespace Ngdbt.Docs.Site;

internal sealed record ColumnTest(int TestIndex, string Name, string? Status);

/// <summary>Everything the site writer needs, indexed by node position (stable, sorted by unique_id).</summary>
internal sealed record SiteModel(
    string ProjectName,
    DocsManifest Manifest,
    IReadOnlyList<DocNode> Nodes,
    IReadOnlyDictionary<string, int> IndexOf,
    List<int>[] Parents,
    List<int>[] Children,
    bool[] InGraph,
    LayoutResult Layout,
    string[] DescriptionHtml,
    string[][] ColumnHtml,
    IReadOnlyDictionary<string, CatalogEntry> Catalog,
    RunResults Runs,
    IReadOnlyDictionary<(int Node, string Column), List<ColumnTest>> ColumnTests,
    LineageResult?[] Lineage)
{
    public const int ShardSize = 64;

    public RunResult? RunOf(int i) => Runs.Results.TryGetValue(Nodes[i].UniqueId, out var r) ? r : null;

    public CatalogEntry? CatalogOf(int i) => Catalog.TryGetValue(Nodes[i].UniqueId, out var c) ? c : null;

    public static readonly HashSet<string> GraphTypes = ["model", "seed", "snapshot", "source", "analysis", "exposure", "metric", "semantic_model"];
}
