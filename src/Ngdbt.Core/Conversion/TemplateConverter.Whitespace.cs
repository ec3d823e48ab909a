using System.Text;

namespace Ngdbt.Conversion;

internal sealed partial class TemplateConverter
{
    private static bool IsBlock(string code)
        => code.StartsWith("if ", StringComparison.Ordinal) || code.StartsWith("else", StringComparison.Ordinal) || code.StartsWith("for ", StringComparison.Ordinal)
           || code.StartsWith("capture ", StringComparison.Ordinal) || code.StartsWith("func ", StringComparison.Ordinal);

    /// <summary>The Scriban text. Jinja's `-` strips the whitespace of the text next to a tag when the file is read;
    /// Scriban's `-}}` does not strip the same inside loops (the second pass of a `for` keeps it), so the converter moves
    /// that whitespace into the Scriban tag itself, where it is insignificant: the layout of the file stays, and the
    /// output is Jinja's exactly.</summary>
    private string Assemble()
    {
        var sb = new StringBuilder(_text.Length + 64);
        for (var i = 0; i < _pieces.Count; i++)
        {
            var piece = _pieces[i];
            if (piece.IsText)
            {
                var text = piece.Code;
                var lead = i > 0 && _pieces[i - 1] is { IsText: false, StripRight: true } ? text.Length - text.TrimStart().Length : 0;
                var rest = text[lead..];
                var trail = i + 1 < _pieces.Count && _pieces[i + 1] is { IsText: false, StripLeft: true } ? rest.Length - rest.TrimEnd().Length : 0;
                sb.Append(rest, 0, rest.Length - trail);
                piece.Before = rest[(rest.Length - trail)..];
                continue;
            }

            var before = i > 0 && _pieces[i - 1].IsText ? _pieces[i - 1].Before : string.Empty;
            var after = string.Empty;
            if (i + 1 < _pieces.Count && _pieces[i + 1] is { IsText: true } next && piece.StripRight)
            {
                after = next.Code[..(next.Code.Length - next.Code.TrimStart().Length)];
            }

            if (piece.Guard && IndentedLine(sb))
            {
                // Scriban indents every line a tag outputs by the whitespace before it on its line (AutoIndent); Jinja
                // does not. An empty output in between makes the tag follow code, not indentation.
                sb.Append("{{ '' }}");
            }

            sb.Append("{{").Append(before.Length > 0 ? before : " ").Append(piece.Code).Append(after.Length > 0 ? after : " ").Append("}}");
        }

        return sb.ToString();
    }

    /// <summary>True when only spaces or tabs stand between the last line break (or the start) and the end of the output so far.</summary>
    private static bool IndentedLine(StringBuilder sb)
    {
        var i = sb.Length - 1;
        while (i >= 0 && sb[i] is ' ' or '\t')
        {
            i--;
        }

        return i < sb.Length - 1 && (i < 0 || sb[i] == '\n');
    }

    private sealed class Piece(string code, bool stripLeft, bool stripRight)
    {
        public string Code { get; } = code;

        public bool StripLeft { get; } = stripLeft;

        public bool StripRight { get; } = stripRight;

        public bool IsText { get; init; }

        public bool Guard { get; init; }

        /// <summary>Trailing whitespace of a text that the next tag strips (set while assembling).</summary>
        public string Before { get; set; } = string.Empty;
    }
}
