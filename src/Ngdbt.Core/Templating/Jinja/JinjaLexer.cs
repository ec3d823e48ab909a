namespace Ngdbt.Templating.Jinja;

internal enum TokenKind
{
    Data,
    VarBegin,
    VarEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

/// <summary>One token; <see cref="Offset"/> is its index in the original file text (for file(line,col) positions).</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Offset);

/// <summary>Splits a Jinja template into text and tag tokens, applying whitespace control (<c>{%-</c>, <c>-%}</c>) and
/// <c>{% raw %}</c> while lexing, as Jinja does. Comments produce no token.</summary>
internal static class JinjaLexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "//", "**", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(64);
        var pos = 0;
        var stripNext = false;
        while (pos < text.Length)
        {
            var open = FindOpen(text, pos);
            var dataEnd = open < 0 ? text.Length : open;
            var stripBefore = open >= 0 && open + 2 < text.Length && text[open + 2] == '-';
            AddData(tokens, text, pos, dataEnd, stripNext, stripBefore);
            stripNext = false;
            if (open < 0)
            {
                break;
            }

            var kind = text[open + 1];
            var inner = open + (stripBefore ? 3 : 2);
            if (kind == '#')
            {
                var close = text.IndexOf("#}", inner, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new JinjaException("comment '{#' is never closed with '#}'", open);
                }

                stripNext = text[close - 1] == '-' && close - 1 >= inner;
                pos = close + 2;
                continue;
            }

            if (kind == '%' && IsRaw(text, inner, out var rawBodyStart, out var rawStripAfter))
            {
                var (end, bodyEnd, stripBeforeEnd, stripAfterEnd) = FindEndRaw(text, rawBodyStart, open);
                AddData(tokens, text, rawBodyStart, bodyEnd, rawStripAfter, stripBeforeEnd);
                stripNext = stripAfterEnd;
                pos = end;
                continue;
            }

            tokens.Add(new Token(kind == '{' ? TokenKind.VarBegin : TokenKind.BlockBegin, string.Empty, open));
            pos = LexExpression(text, inner, kind == '{' ? '}' : '%', tokens, open, out stripNext);
        }

        tokens.Add(new Token(TokenKind.Eof, string.Empty, text.Length));
        return tokens;
    }

    private static int FindOpen(string text, int from)
    {
        var i = from;
        while ((i = text.IndexOf('{', i)) >= 0 && i + 1 < text.Length)
        {
            var c = text[i + 1];
            if (c is '{' or '%' or '#')
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static void AddData(List<Token> tokens, string text, int start, int end, bool stripStart, bool stripEnd)
    {
        if (stripStart)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        if (stripEnd)
        {
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
        }

        if (end > start)
        {
            tokens.Add(new Token(TokenKind.Data, text[start..end], start));
        }
    }

    private static bool IsRaw(string text, int inner, out int bodyStart, out bool stripAfter)
    {
        bodyStart = 0;
        stripAfter = false;
        var i = SkipSpace(text, inner);
        if (string.CompareOrdinal(text, i, "raw", 0, 3) != 0 || (i + 3 < text.Length && (char.IsLetterOrDigit(text[i + 3]) || text[i + 3] == '_')))
        {
            return false;
        }

        i = SkipSpace(text, i + 3);
        if (i < text.Length && text[i] == '-')
        {
            stripAfter = true;
            i++;
        }

        if (string.CompareOrdinal(text, i, "%}", 0, 2) != 0)
        {
            return false;
        }

        bodyStart = i + 2;
        return true;
    }

    private static (int End, int BodyEnd, bool StripBefore, bool StripAfter) FindEndRaw(string text, int from, int open)
    {
        var i = from;
        while ((i = text.IndexOf("{%", i, StringComparison.Ordinal)) >= 0)
        {
            var j = i + 2;
            var stripBefore = j < text.Length && text[j] == '-';
            j = SkipSpace(text, stripBefore ? j + 1 : j);
            if (string.CompareOrdinal(text, j, "endraw", 0, 6) == 0)
            {
                j = SkipSpace(text, j + 6);
                var stripAfter = j < text.Length && text[j] == '-';
                j = stripAfter ? j + 1 : j;
                if (string.CompareOrdinal(text, j, "%}", 0, 2) == 0)
                {
                    return (j + 2, i, stripBefore, stripAfter);
                }
            }

            i += 2;
        }

        throw new JinjaException("'{% raw %}' is never closed with '{% endraw %}'", open);
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Lexes the inside of a tag up to its closing <c>}}</c> or <c>%}</c> (braces of dict literals nest).</summary>
    private static int LexExpression(string text, int i, char closer, List<Token> tokens, int open, out bool stripAfter)
    {
        var depth = 0;
        while (true)
        {
            i = SkipSpace(text, i);
            if (i >= text.Length)
            {
                throw new JinjaException(closer == '}' ? "'{{' is never closed with '}}'" : "'{%' is never closed with '%}'", open);
            }

            var c = text[i];
            if (depth == 0)
            {
                var strip = c == '-' && i + 2 < text.Length && text[i + 1] == closer && text[i + 2] == '}';
                if (strip || (c == closer && i + 1 < text.Length && text[i + 1] == '}'))
                {
                    tokens.Add(new Token(closer == '}' ? TokenKind.VarEnd : TokenKind.BlockEnd, string.Empty, i));
                    stripAfter = strip;
                    return i + (strip ? 3 : 2);
                }
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, text[start..i], start));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                var isFloat = false;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_' || (text[i] == '.' && !isFloat && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                {
                    isFloat |= text[i] == '.';
                    i++;
                }

                tokens.Add(new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text[start..i].Replace("_", string.Empty), start));
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        var n = text[i + 1];
                        _ = n switch
                        {
                            'n' => sb.Append('\n'),
                            't' => sb.Append('\t'),
                            'r' => sb.Append('\r'),
                            '\\' or '\'' or '"' => sb.Append(n),
                            _ => sb.Append('\\').Append(n),
                        };
                        i += 2;
                        continue;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    throw new JinjaException("string literal is never closed", start);
                }

                i++;
                tokens.Add(new Token(TokenKind.String, sb.ToString(), start));
            }
            else
            {
                var op = Array.Find(Operators, o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new JinjaException($"unexpected character '{c}'", i);
                depth += op is "{" or "[" or "(" ? 1 : op is "}" or "]" or ")" ? -1 : 0;
                depth = Math.Max(depth, 0);
                tokens.Add(new Token(TokenKind.Operator, op, i));
                i += op.Length;
            }
        }
    }
}
