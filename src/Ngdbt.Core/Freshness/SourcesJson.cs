using System.Text.Json;
using Ngdbt.Artifacts;

namespace Ngdbt.Freshness;

/// <summary>target/sources.json in dbt's v3 shape (results with max_loaded_at, snapshotted_at, the age in seconds,
/// status and criteria), and the reading side that `source_status:fresher` compares.</summary>
public static class SourcesJson
{
    public const string FileName = "sources.json";

    public static string Write(string targetDir, string project, string adapterType, string? version, IReadOnlyList<FreshnessResult> results, TimeSpan elapsed)
    {
        Directory.CreateDirectory(targetDir);
        var path = Path.Combine(targetDir, FileName);
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        ArtifactWriter.WriteMetadata(w, "https://schemas.getdbt.com/dbt/sources/v3.json", project, adapterType, version);
        w.WriteStartArray("results");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("unique_id", r.Source.UniqueId);
            if (r.MaxLoadedAt is { } max)
            {
                w.WriteString("max_loaded_at", ArtifactWriter.Timestamp(max));
                w.WriteNumber("max_loaded_at_time_ago_in_s", Math.Round(r.AgeSeconds!.Value, 3));
            }
            else
            {
                w.WriteNull("max_loaded_at");
                w.WriteNull("max_loaded_at_time_ago_in_s");
                w.WriteString("error", r.Message);
            }

            w.WriteString("snapshotted_at", ArtifactWriter.Timestamp(r.SnapshottedAt));
            w.WriteString("status", FreshnessResult.StatusName(r.Status));
            w.WriteStartObject("criteria");
            Threshold(w, "warn_after", r.Spec.WarnAfter);
            Threshold(w, "error_after", r.Spec.ErrorAfter);
            if (r.Spec.Filter is { } filter)
            {
                w.WriteString("filter", filter);
            }
            else
            {
                w.WriteNull("filter");
            }

            w.WriteEndObject();
            w.WriteStartObject("adapter_response");
            w.WriteEndObject();
            w.WriteStartArray("timing");
            w.WriteEndArray();
            w.WriteString("thread_id", "Thread-1");
            w.WriteNumber("execution_time", Math.Round((decimal)r.Elapsed.TotalMilliseconds / 1000m, 4));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("elapsed_time", Math.Round((decimal)elapsed.TotalMilliseconds / 1000m, 4));
        w.WriteEndObject();
        return path;
    }

    /// <summary>unique id → max_loaded_at of a sources.json (empty when the file is missing or unreadable).</summary>
    public static IReadOnlyDictionary<string, DateTime> Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                if (r.TryGetProperty("max_loaded_at", out var max) && max.ValueKind == JsonValueKind.String && DateTime.TryParse(max.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                {
                    result[r.GetProperty("unique_id").GetString()!] = t;
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return result;
        }

        return result;
    }

    private static void Threshold(Utf8JsonWriter w, string name, FreshnessThreshold? t)
    {
        w.WriteStartObject(name);
        if (t is not null)
        {
            w.WriteNumber("count", t.Count);
            w.WriteString("period", t.Period);
        }
        else
        {
            w.WriteNull("count");
            w.WriteNull("period");
        }

        w.WriteEndObject();
    }
}
