using System.Text.Json;

namespace Ngdbt.Artifacts;

public enum FreshnessPeriod
{
    Minute,
    Hour,
    Day,
}

public enum FreshnessStatus
{
    Pass,
    Warn,
    Error,
    RuntimeError,
}

/// <summary>`warn_after` / `error_after` of a source's freshness: {count, period}.</summary>
public sealed record FreshnessTime(int Count, FreshnessPeriod Period);

/// <summary>The thresholds a source table was checked against (dbt's FreshnessThreshold).</summary>
public sealed record FreshnessCriteria(FreshnessTime? WarnAfter, FreshnessTime? ErrorAfter, string? Filter = null);

/// <summary>The outcome of checking one source table. <see cref="MaxLoadedAt"/> is null when no row had a
/// loaded-at value, or the query failed: then the entry is a runtime error carrying <see cref="Error"/>.</summary>
public sealed record SourceFreshnessResult(
    string UniqueId,
    FreshnessStatus Status,
    DateTime? MaxLoadedAt,
    DateTime SnapshottedAt,
    FreshnessCriteria Criteria,
    TimeSpan ExecutionTime,
    string? Error = null,
    string ThreadId = "Thread-1");

/// <summary>target/sources.json (sources v3), the artifact `ngdbt source freshness` writes: one entry per checked
/// source table, shaped as dbt's SourceFreshnessOutput or, for a failed check, SourceFreshnessRuntimeError.</summary>
public static class SourcesWriter
{
    public const string SchemaUrl = "https://schemas.getdbt.com/dbt/sources/v3.json";

    public static string Write(string targetDir, IReadOnlyList<SourceFreshnessResult> results, TimeSpan elapsed, string? version = null, DateTime? generatedAt = null)
    {
        Directory.CreateDirectory(targetDir);
        var path = Path.Combine(targetDir, "sources.json");
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        ArtifactWriter.WriteMetadata(w, SchemaUrl, version, generatedAt);
        w.WriteStartArray("results");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("unique_id", r.UniqueId);
            if (r.Status == FreshnessStatus.RuntimeError || r.MaxLoadedAt is null)
            {
                w.WriteString("error", r.Error ?? "no loaded-at value found");
                w.WriteString("status", "runtime error");
                w.WriteEndObject();
                continue;
            }

            w.WriteString("max_loaded_at", ArtifactWriter.Timestamp(r.MaxLoadedAt.Value));
            w.WriteString("snapshotted_at", ArtifactWriter.Timestamp(r.SnapshottedAt));
            w.WriteNumber("max_loaded_at_time_ago_in_s", Math.Round((decimal)(r.SnapshottedAt - r.MaxLoadedAt.Value).TotalMilliseconds / 1000m, 3));
            w.WriteString("status", r.Status.ToString().ToLowerInvariant());
            w.WriteStartObject("criteria");
            WriteTime(w, "warn_after", r.Criteria.WarnAfter);
            WriteTime(w, "error_after", r.Criteria.ErrorAfter);
            w.WriteString("filter", r.Criteria.Filter);
            w.WriteEndObject();
            w.WriteStartObject("adapter_response");
            w.WriteEndObject();
            w.WriteStartArray("timing");
            w.WriteEndArray();
            w.WriteString("thread_id", r.ThreadId);
            w.WriteNumber("execution_time", Math.Round((decimal)r.ExecutionTime.TotalMilliseconds / 1000m, 4));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("elapsed_time", Math.Round((decimal)elapsed.TotalMilliseconds / 1000m, 4));
        w.WriteEndObject();
        return path;
    }

    private static void WriteTime(Utf8JsonWriter w, string name, FreshnessTime? time)
    {
        if (time is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("count", time.Count);
        w.WriteString("period", time.Period.ToString().ToLowerInvariant());
        w.WriteEndObject();
    }
}
