using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>One top-level macro of a macro file with the text before it (comments, blank lines), or the file's tail.</summary>
internal sealed record MacroChunk(int Start, string Text, string? Macro);

/// <summary>Splits a macro file into its top-level `{% macro %}`/`{% test %}` blocks, so each converts on its own: a
/// macro with no native form moves to a Jinja file beside it instead of keeping the whole file in Jinja.</summary>
internal static class MacroChunks
{
    public static IReadOnlyList<MacroChunk> Split(string text)
    {
        List<Token> tokens;
        try
        {
            tokens = JinjaLexer.Tokenize(text);
        }
        catch (JinjaException)
        {
            return [new MacroChunk(0, text, null)];
        }

        var chunks = new List<MacroChunk>();
        var start = 0;
        var depth = 0;
        string? name = null;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Kind != TokenKind.BlockBegin || tokens[i + 1].Kind != TokenKind.Name)
            {
                continue;
            }

            var tag = tokens[i + 1].Value;
            if (tag is "macro" or "test")
            {
                if (depth++ == 0 && tokens[i + 2].Kind == TokenKind.Name)
                {
                    name = (tag == "test" ? "test_" : string.Empty) + tokens[i + 2].Value;
                }
            }
            else if (tag is "endmacro" or "endtest" && --depth == 0)
            {
                var close = tokens.FindIndex(i, t => t.Kind == TokenKind.BlockEnd);
                if (close < 0)
                {
                    return [new MacroChunk(0, text, null)];
                }

                var end = tokens[close].Offset + (text[tokens[close].Offset] == '-' ? 3 : 2);
                chunks.Add(new MacroChunk(start, text[start..end], name));
                start = end;
                name = null;
            }
        }

        if (start < text.Length || chunks.Count == 0)
        {
            chunks.Add(new MacroChunk(start, text[start..], null));
        }

        return chunks;
    }
}
