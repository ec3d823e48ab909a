using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace NeoGlobal.Dashboard.Api;

/// <summary>Strict query-string parser: unknown names, repeats, bad values → <see cref="BadRequestException"/>.</summary>
internal static partial class FilterParser
{
    private static readonly HashSet<string> Known =
        ["anomaly", "status", "from", "to", "min", "max", "customer", "q", "leaking", "sort", "dir", "page", "size"];

    private static readonly decimal AmountLimit = 1_000_000_000_000m;

    public static RowFilter Parse(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if (!Known.Contains(key)) throw new BadRequestException($"unknown parameter '{Clip(key)}' (allowed: {string.Join(", ", Known)})");
            if (values.Count > 1) throw new BadRequestException($"parameter '{key}' given more than once");
        }
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

        var anomaly = Get("anomaly");
        var all = anomaly == "all";
        var types = all || anomaly is null ? null : List(anomaly, RowFilter.AnomalyTypeValues, "anomaly");
        var statuses = Get("status") is { } s ? List(s, RowFilter.StatusValues, "status") : null;
        var from = Date(Get("from"), "from");
        var to = Date(Get("to"), "to");
        if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0) throw new BadRequestException("'from' is after 'to'");
        var min = Amount(Get("min"), "min");
        var max = Amount(Get("max"), "max");
        if (min > max) throw new BadRequestException("'min' is greater than 'max'");
        var customer = Text(Get("customer"), "customer", CustomerPattern());
        var search = Text(Get("q"), "q", IdPattern());
        var leaking = Get("leaking") switch
        {
            null or "0" => false,
            "1" => true,
            _ => throw new BadRequestException("'leaking' must be 0 or 1"),
        };
        var sortKey = Get("sort") ?? RowFilter.Default.Sort;
        if (!RowFilter.SortColumns.ContainsKey(sortKey))
            throw new BadRequestException($"cannot sort by '{Clip(sortKey)}' (allowed: {string.Join(", ", RowFilter.SortColumns.Keys)})");
        var descending = Get("dir") switch
        {
            null => RowFilter.Default.Descending,
            "asc" => false,
            "desc" => true,
            _ => throw new BadRequestException("'dir' must be asc or desc"),
        };
        var page = Int(Get("page"), "page", 1, 1_000_000) ?? 1;
        var size = Int(Get("size"), "size", 1, RowFilter.MaxPageSize) ?? RowFilter.Default.PageSize;
        return new RowFilter(types, all, statuses, from, to, min, max, customer, search, leaking, sortKey, descending, page, size);
    }

    private static List<string> List(string raw, IReadOnlySet<string> allowed, string name)
    {
        var items = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length is 0 or > 16) throw new BadRequestException($"'{name}' needs 1–16 comma-separated values");
        foreach (var item in items)
            if (!allowed.Contains(item)) throw new BadRequestException($"unknown {name} '{Clip(item)}' (allowed: {string.Join(", ", allowed)})");
        return [.. items.Distinct(StringComparer.Ordinal)];
    }

    private static string? Date(string? raw, string name)
    {
        if (raw is null) return null;
        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 1900 or > 2999)
            throw new BadRequestException($"'{name}' must be a date yyyy-MM-dd between 1900 and 2999");
        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static decimal? Amount(string? raw, string name)
    {
        if (raw is null) return null;
        if (raw.Length > 24 || !AmountPattern().IsMatch(raw)
            || !decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || Math.Abs(value) >= AmountLimit)
            throw new BadRequestException($"'{name}' must be a decimal amount with at most 4 places and |amount| < 1,000,000,000,000");
        return value;
    }

    private static int? Int(string? raw, string name, int min, int max)
    {
        if (raw is null) return null;
        if (raw.Length > 9 || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new BadRequestException($"'{name}' must be an integer between {min} and {max}");
        return value;
    }

    private static string? Text(string? raw, string name, Regex pattern)
    {
        if (raw is null) return null;
        var trimmed = raw.Trim();
        if (trimmed.Length > 100) throw new BadRequestException($"'{name}' is longer than 100 characters");
        if (!pattern.IsMatch(trimmed)) throw new BadRequestException($"'{name}' contains characters that are not allowed");
        return trimmed.Length == 0 ? null : trimmed;
    }

    internal static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^-?\d{1,13}(\.\d{1,4})?$")]
    private static partial Regex AmountPattern();

    /// <summary>Names: letters (any script), digits, spaces and . , &amp; ' - _ ( ) / + — no quotes, ; = * or comment marks.</summary>
    [GeneratedRegex(@"^(?!.*--)[\p{L}\p{M}\p{Nd} .,&'_()/+-]*$")]
    private static partial Regex CustomerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]*$")]
    private static partial Regex IdPattern();
}
