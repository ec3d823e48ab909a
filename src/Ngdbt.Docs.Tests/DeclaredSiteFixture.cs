using Ngdbt.Docs.Artifacts;
using Ngdbt.Docs.DuckDb;

namespace Ngdbt.Docs.Tests;

/// <summary>A small site with an exposure, a metric and a semantic model downstream of the models they depend on,
/// generated once per test class from an in-memory manifest (as `ngdbt docs generate` hands it over).</summary>
public sealed class DeclaredSiteFixture : IDisposable
{
    public const string HostileUrl = "javascript:alert(document.domain)";
    public const string DashboardUrl = "https://bi.example.com/d/42?from=<now>&tab=\"kpis\"";

    public DeclaredSiteFixture()
    {
        TargetDir = Path.Combine(Path.GetTempPath(), "ngdbt-docs-declared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TargetDir);
        DocNode Node(string id, string type, string name, IReadOnlyList<string> deps, string description = "") =>
            new(id, type, name, "shop", type is "model" ? $"models/{name}.sql" : "models/schema.yml", "main", type is "model" ? $"\"main\".\"{name}\"" : null,
                description, [], "{}", type is "model" ? "table" : null, [], deps, type is "model" ? "select 1 as id" : null, type is "model" ? "select 1 as id" : null);
        var nodes = new List<DocNode>
        {
            Node("model.shop.stg_orders", "model", "stg_orders", []),
            Node("model.shop.fct_orders", "model", "fct_orders", ["model.shop.stg_orders"]),
            Node("model.shop.unrelated", "model", "unrelated", []),
            Node("semantic_model.shop.orders", "semantic_model", "orders", ["model.shop.fct_orders"], "Orders as a semantic model") with { Label = "Orders" },
            Node("metric.shop.revenue", "metric", "revenue", ["semantic_model.shop.orders"], "Total revenue") with { Label = "Revenue" },
            Node("exposure.shop.weekly_kpis", "exposure", "weekly_kpis", ["metric.shop.revenue", "model.shop.fct_orders"], "The **weekly** KPI board") with
            {
                OwnerName = "Finance <Team>", OwnerEmail = "finance@example.com", ExposureType = "dashboard", Url = DashboardUrl, Maturity = "high", Label = "Weekly KPIs",
            },
            Node("exposure.shop.hostile", "exposure", "hostile", ["model.shop.stg_orders"]) with { OwnerName = "x", ExposureType = "application", Url = HostileUrl },
        };
        OutputDir = Path.Combine(TargetDir, "docs-site");
        using var parser = new DuckDbParseTreeProvider();
        Result = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = TargetDir, OutputDir = OutputDir, ReuseLineage = false }, new DocsManifest("shop", "2026-12-01T00:00:00Z", "test", nodes), parser);
    }

    public string TargetDir { get; }

    public string OutputDir { get; }

    public DocsResult Result { get; }

    public string Read(string relative) => File.ReadAllText(Path.Combine(OutputDir, relative));

    public void Dispose()
    {
        try { Directory.Delete(TargetDir, recursive: true); } catch (IOException) { }
    }
}
