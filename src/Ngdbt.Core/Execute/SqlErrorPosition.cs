using Ngdbt.Diagnostics;

namespace Ngdbt.Execute;

/// <summary>
/// Maps a database error's position (line and column of the statement the database ran) back into the file the user
/// wrote: the compiled SQL is the template's output, so a compiled line is found among the raw lines by its text and
/// the column is carried over relative to the line's indentation. Without a position, the first quoted identifier of
/// the message is looked up in the raw text; failing that, the file's first line.
/// </summary>
public static class SqlErrorPosition
{
    /// <param name="wrapLines">Lines of DDL the statement puts before the compiled SQL (a model's <c>create … as (</c>);
    /// 0 when the compiled SQL ran as it is (<c>show</c>).</param>
    public static SourceSpan Map(string file, string rawCode, string? compiledSql, int? line, int? column, string message, int wrapLines = 1)
    {
        var fallback = FindQuoted(rawCode, message) is var (qLine, qCol) ? new SourceSpan(file, qLine, qCol) : new SourceSpan(file, 1, 1);
        if (line is not { } l || compiledSql is null)
        {
            return fallback;
        }

        // The database counts lines of the whole statement, which may wrap the SQL after one line of DDL.
        var compiledLines = compiledSql.Split('\n');
        var rawLines = rawCode.Split('\n');
        foreach (var candidate in wrapLines == 0 ? new[] { l } : [l - wrapLines, l])
        {
            if (candidate < 1 || candidate > compiledLines.Length)
            {
                continue;
            }

            var compiled = compiledLines[candidate - 1].TrimEnd('\r');
            var text = compiled.Trim();
            for (var i = 0; text.Length > 0 && i < rawLines.Length; i++)
            {
                var raw = rawLines[i].TrimEnd('\r');
                if (raw.Trim() != text)
                {
                    continue;
                }

                var rawIndent = raw.Length - raw.TrimStart().Length;
                var compiledIndent = compiled.Length - compiled.TrimStart().Length;
                var within = column is { } c && c - 1 - compiledIndent is var offset && offset >= 0 && offset <= text.Length ? offset : 0;
                return new SourceSpan(file, i + 1, rawIndent + within + 1);
            }
        }

        return fallback;
    }

    private static (int Line, int Column)? FindQuoted(string raw, string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        if (end <= start + 1)
        {
            return null;
        }

        var identifier = message[(start + 1)..end];
        var lines = raw.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var col = lines[i].IndexOf(identifier, StringComparison.OrdinalIgnoreCase);
            if (col >= 0)
            {
                return (i + 1, col + 1);
            }
        }

        return null;
    }
}
