using System.Globalization;
using System.Text.RegularExpressions;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>DuckDB's error text for people: the message without its LINE/caret tail, and the position that tail gives.</summary>
internal static partial class DuckDbErrors
{
    [GeneratedRegex(@"^(?<prefix>LINE (?<line>\d+): )(?<text>.*)\n(?<pad> *)\^", RegexOptions.Multiline)]
    private static partial Regex CaretPattern();

    [GeneratedRegex(@"LINE (\d+):")]
    private static partial Regex LinePattern();

    public static string Clean(string message)
    {
        var text = message.Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
        var cut = text.IndexOf("\n\nLINE", StringComparison.Ordinal);
        return cut > 0 ? text[..cut].Trim() : text;
    }

    public static AdapterSqlException Exception(DuckDB.NET.Data.DuckDBException e, string? sql)
    {
        var (line, column) = Position(e.Message, sql);
        var message = Clean(e.Message);
        return new AdapterSqlException(message, line, e, column) { OutOfMemory = message.StartsWith("Out of Memory Error", StringComparison.Ordinal) };
    }

    /// <summary>
    /// DuckDB prints <c>LINE n: text</c> with a caret under the error. The text may be clipped to a window of the line
    /// (starting with "..."); the window is then found in the statement's line to turn the caret into a column.
    /// </summary>
    public static (int? Line, int? Column) Position(string message, string? sql)
    {
        var text = message.Replace("\r", string.Empty, StringComparison.Ordinal);
        var m = CaretPattern().Match(text);
        if (!m.Success)
        {
            return (LinePattern().Match(text) is { Success: true } l ? int.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture) : null, null);
        }

        var line = int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture);
        var caret = m.Groups["pad"].Value.Length - m.Groups["prefix"].Value.Length;
        var shown = m.Groups["text"].Value;
        if (caret < 0)
        {
            return (line, null);
        }

        if (!shown.StartsWith("...", StringComparison.Ordinal))
        {
            return (line, caret + 1);
        }

        var lines = sql?.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        if (lines is null || line > lines.Length)
        {
            return (line, null);
        }

        var window = shown[3..].TrimEnd('.');
        var at = window.Length == 0 ? -1 : lines[line - 1].IndexOf(window, StringComparison.Ordinal);
        return (line, at < 0 ? null : at + caret - 3 + 1);
    }
}
