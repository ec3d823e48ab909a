using System.Text.Json;
using Ngdbt.Artifacts;

namespace Ngdbt.Freshness;

/// <summary>target/sources.json in dbt's v3 shape (results with max_loaded_at, snapshotted_at, the age in seconds,
/// status and criteria), and the reading side that `source_status:fresher` compares.</summary>
public static class SourcesJson
{
    public const string FileName = "sources.json";

    /// <summary>Written by the artifacts stage's <see cref="SourcesWriter"/> (the shape dbt's sources v3 schema checks).</summary>
    public static string Write(string targetDir, string? version, IReadOnlyList<FreshnessResult> results, TimeSpan elapsed)
    {
        static FreshnessTime? Time(FreshnessThreshold? t) => t is null ? null : new FreshnessTime(checked((int)t.Count), t.Period switch
        {
            "minute" => FreshnessPeriod.Minute,
            "hour" => FreshnessPeriod.Hour,
            _ => FreshnessPeriod.Day,
        });

        var converted = results.Select(r => new SourceFreshnessResult(
            r.Source.UniqueId,
            r.Status,
            r.MaxLoadedAt,
            r.SnapshottedAt,
            new FreshnessCriteria(Time(r.Spec.WarnAfter), Time(r.Spec.ErrorAfter), r.Spec.Filter),
            r.Elapsed,
            r.MaxLoadedAt is null ? r.Message : null)).ToList();
        return SourcesWriter.Write(targetDir, converted, elapsed, version);
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
}
