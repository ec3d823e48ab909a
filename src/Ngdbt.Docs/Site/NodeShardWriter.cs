using System.Globalization;
using System.Text.Json;

namespace Ngdbt.Docs.Site;

/// <summary>
/// data/nodes/&lt;k&gt;.js: page details for nodes k·64 … k·64+63, loaded lazily by the page that needs them
/// (<c>window.__ngdbtShard(k, [...])</c>), so start-up cost does not grow with SQL and description size.
/// </summary>
internal static class NodeShardWriter
{
    public static List<string> WriteAll(SiteModel m, string nodesDir)
    {
        var shardCount = (m.Nodes.Count + SiteModel.ShardSize - 1) / SiteModel.ShardSize;
        var files = new string[shardCount];
        Parallel.For(0, shardCount, k =>
        {
            var path = Path.Combine(nodesDir, k.ToString(CultureInfo.InvariantCulture) + ".js");
            JsDataFile.Write(path, $"window.__ngdbtShard({k},", ");\n", w =>
            {
                w.WriteStartArray();
                var end = Math.Min(m.Nodes.Count, (k + 1) * SiteModel.ShardSize);
                for (var i = k * SiteModel.ShardSize; i < end; i++) WriteNode(w, m, i);
                w.WriteEndArray();
            });
            files[k] = path;
        });
        return [.. files];
    }

    private static void WriteNode(Utf8JsonWriter w, SiteModel m, int i)
    {
        var n = m.Nodes[i];
        w.WriteStartObject();
        w.WriteNumber("i", i);
        w.WriteString("desc", m.DescriptionHtml[i]);
        w.WriteString("package", n.PackageName);
        w.WriteString("relation", n.RelationName);
        w.WriteString("raw", n.RawCode);
        w.WriteString("compiled", n.CompiledCode);
        w.RawJsonOrEmpty("config", n.ConfigJson);
        w.RawJsonOrEmpty("meta", n.MetaJson);
        w.StringArray("tags", n.Tags);
        w.IntArray("parents", m.Parents[i]);
        w.IntArray("children", m.Children[i]);
        if (n.SourceName is not null) w.WriteString("sourceName", n.SourceName);
        if (n.TestName is not null) w.WriteString("testName", n.TestName);
        if (n.ColumnName is not null) w.WriteString("testColumn", n.ColumnName);
        if (n.AttachedNode is not null && m.IndexOf.TryGetValue(n.AttachedNode, out var attached)) w.WriteNumber("attached", attached);
        // Exposures and metrics: shown as text by the page (escaped there); the url becomes a link only for http(s).
        if (n.OwnerName is not null) w.WriteString("ownerName", n.OwnerName);
        if (n.OwnerEmail is not null) w.WriteString("ownerEmail", n.OwnerEmail);
        if (n.ExposureType is not null) w.WriteString("exposureType", n.ExposureType);
        if (n.Url is not null) w.WriteString("url", n.Url);
        if (n.Maturity is not null) w.WriteString("maturity", n.Maturity);
        if (n.Label is not null) w.WriteString("label", n.Label);
        if (m.RunOf(i) is { } run)
        {
            w.WriteStartObject("run");
            w.WriteString("status", run.Status);
            w.WriteNumber("time", Math.Round(run.ExecutionTime, 3));
            w.WriteString("message", run.Message);
            if (run.RowsAffected is { } rows) w.WriteNumber("rows", rows);
            w.WriteEndObject();
        }
        var catalog = m.CatalogOf(i);
        if (catalog is not null)
        {
            w.WriteStartObject("stats");
            if (catalog.RowCount is { } rc) w.WriteNumber("rows", rc);
            if (catalog.Bytes is { } b) w.WriteNumber("bytes", b);
            w.WriteEndObject();
        }
        WriteColumns(w, m, i, catalog);
        if (m.Lineage[i] is { } lineage)
        {
            w.WritePropertyName("lineage");
            GraphAndSearchWriter.WriteColumnLineage(w, m, lineage);
            w.StringArray("lineageNotes", lineage.Diagnostics.Distinct().Take(20));
        }
        w.WriteEndObject();
    }

    private static void WriteColumns(Utf8JsonWriter w, SiteModel m, int i, Artifacts.CatalogEntry? catalog)
    {
        var n = m.Nodes[i];
        var manifest = n.Columns.Select((c, j) => (c, html: m.ColumnHtml[i][j]))
            .GroupBy(x => x.c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var names = (catalog?.Columns.Select(c => c.Name) ?? []).Concat(n.Columns.Select(c => c.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        w.WriteStartArray("columns");
        foreach (var name in names)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            var type = catalog?.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Type;
            manifest.TryGetValue(name, out var doc);
            w.WriteString("type", type ?? doc.c?.DataType ?? "");
            w.WriteString("desc", doc.html ?? "");
            if (m.ColumnTests.TryGetValue((i, name.ToLowerInvariant()), out var tests))
            {
                w.WriteStartArray("tests");
                foreach (var t in tests)
                {
                    w.WriteStartObject();
                    w.WriteNumber("i", t.TestIndex);
                    w.WriteString("name", t.Name);
                    w.WriteString("status", t.Status ?? "");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
