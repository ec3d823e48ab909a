namespace Ngdbt.Templating.Jinja;

/// <summary>A Jinja file's path and text; turns token offsets into the 1-based line and column of diagnostics.</summary>
internal sealed class JinjaSource(string file, string text)
{
    private int[]? _lineStarts;

    public string File { get; } = file;

    public string Text { get; } = text;

    public Diagnostics.SourceSpan Span(int offset)
    {
        _lineStarts ??= LineStarts(Text);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new Diagnostics.SourceSpan(File, line + 1, offset - _lineStarts[line] + 1);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}

/// <summary>A parsed Jinja file: its statements and its source (for positions).</summary>
public sealed class JinjaTemplate
{
    internal JinjaTemplate(JinjaSource source, IReadOnlyList<Stmt> body)
    {
        Source = source;
        Body = body;
    }

    internal JinjaSource Source { get; }

    internal IReadOnlyList<Stmt> Body { get; }
}
