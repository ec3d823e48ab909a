using System.Globalization;
using System.Text.RegularExpressions;

namespace Ngdbt.Compile;

/// <summary>
/// `--sample`: a dev run on a time window. Inputs that say which column holds their event time (a model's, seed's or
/// snapshot's `event_time` config; a source's `loaded_at_field`) are read only for rows in [Start, End); other inputs
/// are read whole, as in dbt. Given as a span back from now ("3 days", "12 hours") or as "START..END" (ISO dates or
/// timestamps, UTC; a date-only END includes that day).
/// </summary>
public sealed partial record SampleWindow(DateTime Start, DateTime End)
{
    public static (SampleWindow? Window, string? Error) Parse(string text, DateTime nowUtc)
    {
        var spec = text.Trim();
        if (Relative().Match(spec) is { Success: true } m)
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var start = m.Groups["unit"].Value.TrimEnd('s') switch
            {
                "minute" => nowUtc.AddMinutes(-n),
                "hour" => nowUtc.AddHours(-n),
                "day" => nowUtc.AddDays(-n),
                "week" => nowUtc.AddDays(-7 * n),
                "month" => nowUtc.AddMonths(-n),
                _ => nowUtc.AddYears(-n),
            };
            return n > 0 ? (new SampleWindow(start, nowUtc), null) : (null, $"--sample '{text}': the span must be positive");
        }

        var parts = spec.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && Moment(parts[0], false) is { } from && Moment(parts[1], true) is { } to)
        {
            return to > from ? (new SampleWindow(from, to), null) : (null, $"--sample '{text}': the end must be after the start");
        }

        return (null, $"--sample '{text}' is not a window: write a span back from now ('3 days', '12 hours') or START..END ('2026-01-01..2026-01-31')");
    }

    /// <summary>`relation` filtered to the window on <paramref name="column"/> (a subquery in its place).</summary>
    public string Filter(string relation, string quotedColumn)
        => $"(select * from {relation} where {quotedColumn} >= cast('{Stamp(Start)}' as timestamp) and {quotedColumn} < cast('{Stamp(End)}' as timestamp))";

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTime? Moment(string text, bool isEnd)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var t = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return isEnd ? t.AddDays(1) : t;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var stamp) ? stamp : null;
    }

    [GeneratedRegex(@"^(?<n>\d{1,6})\s*(?<unit>minutes?|hours?|days?|weeks?|months?|years?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
