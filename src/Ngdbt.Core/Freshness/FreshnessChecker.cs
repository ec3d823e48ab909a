using System.Diagnostics;
using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Manifest;

namespace Ngdbt.Freshness;

/// <summary>Measures `max(loaded_at_field)` of each source (under its `filter`) in the warehouse, or, for file sources
/// a warehouse cannot read, in the file engine over the files themselves, and grades its age against warn_after and
/// error_after. The clock is injectable so tests can pin "now".</summary>
public static class FreshnessChecker
{
    public static IReadOnlyList<FreshnessResult> Check(ProjectManifest manifest, IReadOnlyList<(Node Source, FreshnessSpec Spec)> sources, IDatabaseAdapter adapter, Func<IDatabaseAdapter>? fileEngine, Func<DateTime>? utcNow = null)
    {
        utcNow ??= () => DateTime.UtcNow;
        var results = new List<FreshnessResult>();
        IDatabaseAdapter? files = null;
        try
        {
            foreach (var (source, spec) in sources)
            {
                var reader = adapter;
                if (source.ExternalLocation is not null && !adapter.Dialect.ReadsFiles)
                {
                    files ??= fileEngine?.Invoke() ?? throw new AdapterSqlException($"{adapter.Type} cannot read files and this host offers no file engine to measure file sources with");
                    reader = files;
                }

                results.Add(Measure(manifest, source, spec, reader, utcNow));
            }
        }
        finally
        {
            files?.Dispose();
        }

        return results;
    }

    private static FreshnessResult Measure(ProjectManifest manifest, Node source, FreshnessSpec spec, IDatabaseAdapter reader, Func<DateTime> utcNow)
    {
        var clock = Stopwatch.StartNew();
        var dialect = reader.Dialect;
        var relation = source.ExternalLocation is { } location && dialect.ReadsFiles
            ? dialect.ExternalRelation((Path.IsPathRooted(location) ? location : Path.Combine(manifest.Project.Root, location)).Replace('\\', '/'), source.ExternalFormat, source.ExternalReadOptions)
            : dialect.Relation(source.Schema, source.Identifier);
        var sql = $"select max({spec.LoadedAtField}) from {relation}" + (spec.Filter is { Length: > 0 } f ? $" where {f}" : string.Empty);
        object? value;
        try
        {
            using var connection = reader.Connect();
            value = connection.Query(sql).Rows[0][0];
        }
        catch (AdapterSqlException e)
        {
            return new FreshnessResult(source, spec, null, utcNow(), FreshnessStatus.RuntimeError, $"cannot measure freshness: {e.Message}", clock.Elapsed);
        }

        var now = utcNow();
        // A timestamp without a time zone is read as UTC, as dbt does.
        DateTime? max = value switch
        {
            DateTimeOffset o => o.UtcDateTime,
            DateTime d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc),
            _ => null,
        };
        if (max is null)
        {
            var why = value is null ? "no rows" + (spec.Filter is null ? string.Empty : " pass the filter") : $"{spec.LoadedAtField} is not a timestamp ({value.GetType().Name})";
            return new FreshnessResult(source, spec, null, now, FreshnessStatus.RuntimeError, why, clock.Elapsed);
        }

        var age = now - max.Value;
        var status = spec.ErrorAfter is { } e2 && age > e2.Span ? FreshnessStatus.Error
            : spec.WarnAfter is { } w && age > w.Span ? FreshnessStatus.Warn
            : FreshnessStatus.Pass;
        var limit = status == FreshnessStatus.Error ? spec.ErrorAfter : spec.WarnAfter;
        var message = status == FreshnessStatus.Pass
            ? $"newest row loaded {Age(age)} ago"
            : string.Create(CultureInfo.InvariantCulture, $"the newest row (max {spec.LoadedAtField} = {max:yyyy-MM-dd HH:mm:ss} UTC) is more than {limit!.Count} {limit.Period}{(limit.Count == 1 ? string.Empty : "s")} old");
        return new FreshnessResult(source, spec, max, now, status, message, clock.Elapsed);
    }

    private static string Age(TimeSpan age) => age.TotalDays >= 2 ? $"{(int)age.TotalDays} days"
        : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours"
        : $"{(int)Math.Max(0, age.TotalMinutes)} minutes";
}
