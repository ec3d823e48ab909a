using System.Text.Json;
using static Ngdbt.Docs.Artifacts.ManifestReader;

namespace Ngdbt.Docs.Artifacts;

/// <summary>Reads the optional catalog.json and run_results.json.</summary>
internal static class RunArtifactsReader
{
    public static Dictionary<string, CatalogEntry> ReadCatalog(string path)
    {
        var map = new Dictionary<string, CatalogEntry>();
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        foreach (var section in new[] { "nodes", "sources" })
            foreach (var entry in Obj(doc.RootElement, section).EnumerateObjectSafe())
            {
                var columns = Obj(entry.Value, "columns").EnumerateObjectSafe()
                    .Select(c => new CatalogColumn(Str(c.Value, "name") ?? c.Name, Str(c.Value, "type") ?? "",
                        Obj(c.Value, "index").ValueKind == JsonValueKind.Number ? Obj(c.Value, "index").GetInt32() : int.MaxValue))
                    .OrderBy(c => c.Index).ToList();
                var stats = Obj(entry.Value, "stats");
                map[entry.Name] = new CatalogEntry(columns, Stat(stats, "row_count"), Stat(stats, "bytes"));
            }
        return map;
    }

    public static RunResults ReadRunResults(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var results = new Dictionary<string, RunResult>();
        var list = Obj(doc.RootElement, "results");
        if (list.ValueKind == JsonValueKind.Array)
            foreach (var r in list.EnumerateArray())
            {
                var id = Str(r, "unique_id");
                if (id is null) continue;
                var time = Obj(r, "execution_time");
                var rows = Obj(Obj(r, "adapter_response"), "rows_affected");
                results[id] = new RunResult(Str(r, "status") ?? "unknown",
                    time.ValueKind == JsonValueKind.Number ? time.GetDouble() : 0, Str(r, "message"),
                    rows.ValueKind == JsonValueKind.Number ? rows.GetInt64() : null);
            }
        return new RunResults(Str(Obj(doc.RootElement, "metadata"), "generated_at"), results);
    }

    private static long? Stat(JsonElement stats, string name)
    {
        var v = Obj(Obj(stats, name), "value");
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
    }
}
