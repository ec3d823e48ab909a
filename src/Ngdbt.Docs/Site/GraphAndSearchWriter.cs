using System.Text.Json;

namespace Ngdbt.Docs.Site;

/// <summary>data/graph.js (node table, preset layout, edges), data/search.js and data/lineage.js.</summary>
internal static class GraphAndSearchWriter
{
    public static string WriteGraph(SiteModel m, string dataDir, string generatedAt)
    {
        var path = Path.Combine(dataDir, "graph.js");
        JsDataFile.Write(path, "window.NGDBT_GRAPH=", ";\n", w =>
        {
            w.WriteStartObject();
            w.WriteString("project", m.ProjectName);
            w.WriteString("generatedAt", generatedAt);
            w.WriteString("manifestGeneratedAt", m.Manifest.GeneratedAt);
            w.WriteString("generator", m.Manifest.Generator);
            w.WriteString("runGeneratedAt", m.Runs.GeneratedAt ?? "");
            w.WriteNumber("shardSize", SiteModel.ShardSize);
            w.StringArray("ids", m.Nodes.Select(n => n.UniqueId));
            w.StringArray("names", m.Nodes.Select(n => n.ResourceType == "source" ? $"{n.SourceName}.{n.Name}" : n.Name));
            w.StringArray("types", m.Nodes.Select(n => n.ResourceType));
            w.StringArray("status", Enumerable.Range(0, m.Nodes.Count).Select(i => m.RunOf(i)?.Status ?? ""));
            w.StringArray("paths", m.Nodes.Select(n => n.OriginalFilePath));
            w.StringArray("schemas", m.Nodes.Select(n => n.Schema));
            w.StringArray("materialized", m.Nodes.Select(n => n.Materialized ?? ""));
            // For the focus box's selector methods (source:, package:, tag:).
            w.StringArray("sources", m.Nodes.Select(n => n.SourceName ?? ""));
            w.StringArray("packages", m.Nodes.Select(n => n.PackageName));
            w.WriteStartArray("tags");
            foreach (var n in m.Nodes)
                if (n.Tags.Count == 0) w.WriteNullValue();
                else { w.WriteStartArray(); foreach (var t in n.Tags) w.WriteStringValue(t); w.WriteEndArray(); }
            w.WriteEndArray();
            WriteCoordinates(w, "x", m.Layout.X);
            WriteCoordinates(w, "y", m.Layout.Y);
            w.WriteStartArray("edges");
            for (var c = 0; c < m.Nodes.Count; c++)
                if (m.InGraph[c])
                    foreach (var p in m.Parents[c])
                        if (m.InGraph[p]) { w.WriteNumberValue(p); w.WriteNumberValue(c); }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return path;
    }

    private static void WriteCoordinates(Utf8JsonWriter w, string name, float[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            if (float.IsNaN(v)) w.WriteNullValue(); else w.WriteNumberValue(MathF.Round(v));
        w.WriteEndArray();
    }

    public static string WriteSearch(SearchIndex index, string dataDir)
    {
        var path = Path.Combine(dataDir, "search.js");
        JsDataFile.Write(path, "window.NGDBT_SEARCH=", ";\n", w =>
        {
            w.WriteStartObject();
            w.StringArray("tokens", index.Tokens);
            w.WriteStartArray("postings");
            foreach (var p in index.Postings)
            {
                w.WriteStartArray();
                foreach (var v in p) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return path;
    }

    /// <summary>Column lineage of every analysed model: {nodeIndex: {column: [[upstreamIndex, column], …]}}.</summary>
    public static string WriteLineage(SiteModel m, string dataDir)
    {
        var path = Path.Combine(dataDir, "lineage.js");
        JsDataFile.Write(path, "window.NGDBT_LINEAGE=", ";\n", w =>
        {
            w.WriteStartObject();
            for (var i = 0; i < m.Nodes.Count; i++)
            {
                if (m.Lineage[i] is not { } result || result.Columns.Count == 0) continue;
                w.WritePropertyName(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                WriteColumnLineage(w, m, result);
            }
            w.WriteEndObject();
        });
        return path;
    }

    public static void WriteColumnLineage(Utf8JsonWriter w, SiteModel m, Lineage.LineageResult result)
    {
        w.WriteStartObject();
        foreach (var column in result.Columns)
        {
            w.WriteStartArray(column.Column);
            foreach (var origin in column.Sources)
            {
                if (!m.IndexOf.TryGetValue(origin.UniqueId, out var up)) continue;
                w.WriteStartArray();
                w.WriteNumberValue(up);
                w.WriteStringValue(origin.Column);
                w.WriteEndArray();
            }
            // Filtered/joined by: the same pair with a third element 1 ("decides which rows", not the value).
            foreach (var origin in column.FilteredBy)
            {
                if (!m.IndexOf.TryGetValue(origin.UniqueId, out var up)) continue;
                w.WriteStartArray();
                w.WriteNumberValue(up);
                w.WriteStringValue(origin.Column);
                w.WriteNumberValue(1);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
