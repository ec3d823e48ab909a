using System.Globalization;
using Ngdbt.Manifest;

namespace Ngdbt.Freshness;

/// <summary>One threshold of `freshness:` (`warn_after: {count: 12, period: hour}`).</summary>
public sealed record FreshnessThreshold(long Count, string Period)
{
    public TimeSpan Span => Period switch
    {
        "minute" => TimeSpan.FromMinutes(Count),
        "hour" => TimeSpan.FromHours(Count),
        _ => TimeSpan.FromDays(Count),
    };
}

/// <summary>A source's freshness criteria: the expression that says when a row was loaded, the thresholds and an
/// optional filter (a SQL condition) on the rows considered.</summary>
public sealed record FreshnessSpec(string LoadedAtField, FreshnessThreshold? WarnAfter, FreshnessThreshold? ErrorAfter, string? Filter)
{
    private static readonly string[] Periods = ["minute", "hour", "day"];

    /// <summary>The spec of a source node, null when it declares no freshness; a problem names the bad key.</summary>
    public static (FreshnessSpec? Spec, string? Problem) Of(Node source)
    {
        if (source.Config.Values.GetValueOrDefault("freshness") is not IReadOnlyDictionary<string, object?> freshness)
        {
            return (null, null);
        }

        if (source.Config.GetString("loaded_at_field") is not { Length: > 0 } field)
        {
            return (null, $"source '{source.SourceName}.{source.Name}' declares freshness but no loaded_at_field (the column or expression saying when a row was loaded)");
        }

        foreach (var key in freshness.Keys.Where(k => k is not ("warn_after" or "error_after" or "filter")))
        {
            return (null, $"unknown freshness key '{key}' on source '{source.SourceName}.{source.Name}' (warn_after, error_after, filter)");
        }

        var (warn, warnProblem) = Threshold(freshness.GetValueOrDefault("warn_after"), "warn_after");
        var (error, errorProblem) = Threshold(freshness.GetValueOrDefault("error_after"), "error_after");
        if ((warnProblem ?? errorProblem) is { } problem)
        {
            return (null, $"source '{source.SourceName}.{source.Name}': {problem}");
        }

        return warn is null && error is null
            ? (null, $"source '{source.SourceName}.{source.Name}' declares freshness without warn_after or error_after")
            : (new FreshnessSpec(field, warn, error, freshness.GetValueOrDefault("filter") as string), null);
    }

    private static (FreshnessThreshold? Threshold, string? Problem) Threshold(object? value, string name)
    {
        if (value is null)
        {
            return (null, null);
        }

        if (value is not IReadOnlyDictionary<string, object?> map || map.GetValueOrDefault("count") is not (long or int or decimal) || map.GetValueOrDefault("period") is not string period)
        {
            return (null, $"{name} must be {{count: N, period: minute|hour|day}}");
        }

        if (!Periods.Contains(period))
        {
            return (null, $"{name}.period '{period}' is not one of minute, hour, day");
        }

        var count = Convert.ToInt64(map["count"], CultureInfo.InvariantCulture);
        return count <= 0 ? (null, $"{name}.count must be a positive whole number") : (new FreshnessThreshold(count, period), null);
    }
}
