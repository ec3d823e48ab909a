using Ngdbt.Artifacts;
using Ngdbt.Manifest;

namespace Ngdbt.Freshness;

/// <summary>One source's freshness: the newest loaded_at, when it was measured, its age and the status it earns.</summary>
public sealed record FreshnessResult(Node Source, FreshnessSpec Spec, DateTime? MaxLoadedAt, DateTime SnapshottedAt, FreshnessStatus Status, string Message, TimeSpan Elapsed)
{
    public double? AgeSeconds => MaxLoadedAt is { } max ? (SnapshottedAt - max).TotalSeconds : null;

    public static string StatusName(FreshnessStatus status) => status switch
    {
        FreshnessStatus.RuntimeError => "runtime error",
        _ => status.ToString().ToLowerInvariant(),
    };
}
