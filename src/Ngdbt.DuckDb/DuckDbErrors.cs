using System.Text.RegularExpressions;

namespace Ngdbt.Adapters.DuckDb;

internal static partial class DuckDbErrors
{
    [GeneratedRegex(@"LINE (\d+):")]
    private static partial Regex LinePattern();

    public static string Clean(string message)
    {
        var text = message.Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
        var cut = text.IndexOf("\n\nLINE", StringComparison.Ordinal);
        return cut > 0 ? text[..cut].Trim() : text;
    }

    public static int? Line(string message) => LinePattern().Match(message) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
