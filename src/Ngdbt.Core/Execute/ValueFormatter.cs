using System.Globalization;
using System.Text.RegularExpressions;

namespace Ngdbt.Execute;

/// <summary>Formats database values for people: invariant culture, and decimals with the scale of their column type
/// (a DECIMAL(19,4) amount prints as 10.5000, never 10.5), without ever passing through floating point.</summary>
public static partial class ValueFormatter
{
    [GeneratedRegex(@"^DECIMAL\(\s*\d+\s*,\s*(?<scale>\d+)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DecimalType();

    public static string Format(object? value, string? type = null) => value switch
    {
        null => "NULL",
        decimal d when type is not null && DecimalType().Match(type) is { Success: true } m
            => d.ToString("F" + m.Groups["scale"].Value, CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero && type is "DATE" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
