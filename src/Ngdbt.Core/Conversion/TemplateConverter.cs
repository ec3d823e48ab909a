using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>Jinja template text → Scriban template text with the same output. The text between tags is copied as it is
/// (only whitespace that Jinja's `{%-`/`-%}` strip moves into the neighbouring tag, see TemplateConverter.Whitespace.cs);
/// each tag is translated on its own, so a file's layout and comments survive. Throws <see cref="KeptInJinja"/> for
/// what has no native form.</summary>
internal sealed partial class TemplateConverter
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly ConvertScope _scope;
    private readonly ScribanExpressions _expressions;
    private readonly List<Piece> _pieces = [];
    private readonly Stack<(string Kind, int Offset)> _blocks = new();
    private readonly List<string> _macros = [];
    private readonly HashSet<string> _returning = new(StringComparer.Ordinal);
    private readonly int _baseOffset;
    private int _resume;
    private bool _outputBreaksLines;

    private TemplateConverter(string text, int baseOffset, IReadOnlySet<string>? booleanVars)
    {
        _text = text;
        _baseOffset = baseOffset;
        try
        {
            _tokens = JinjaLexer.Tokenize(text);
        }
        catch (JinjaException e)
        {
            throw new KeptInJinja($"text the Jinja parser rejects ({e.Message})", baseOffset + e.Offset);
        }

        _scope = new ConvertScope(Hook) { BooleanVars = booleanVars ?? new HashSet<string>() };
        _expressions = new ScribanExpressions(_scope);
    }

    /// <param name="booleanVars">Project vars whose value is a boolean: `{% if var('x') %}` converts for those.</param>
    public static ConvertedTemplate Convert(string text, IReadOnlySet<string>? booleanVars = null) => new TemplateConverter(text, 0, booleanVars).Run();

    private ConvertedTemplate Run()
    {
        var pos = 0;
        var i = 0;
        while (_tokens[i].Kind != TokenKind.Eof)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.Data)
            {
                i++;
                continue;
            }

            Region(pos, token.Offset);
            var stripLeft = _text[token.Offset + 2] == '-';
            var parser = JinjaParser.At(_tokens, i + 1);
            string? code;
            try
            {
                code = token.Kind == TokenKind.VarBegin ? Output(parser) : Statement(parser, token.Offset, ref i, stripLeft);
            }
            catch (JinjaException e)
            {
                throw new KeptInJinja($"a tag the converter cannot read ({e.Message})", _baseOffset + e.Offset);
            }

            if (code is null)
            {
                // The statement consumed its tags itself (a dispatch wrapper); i and the text position are set.
                pos = _resume;
                continue;
            }

            var end = _tokens[parser.Position];
            if (end.Kind is not (TokenKind.VarEnd or TokenKind.BlockEnd))
            {
                throw new KeptInJinja($"unexpected '{end.Value}' in a tag", _baseOffset + end.Offset);
            }

            var stripRight = _text[end.Offset] == '-';
            Tag(code, stripLeft, stripRight, token.Kind == TokenKind.VarBegin ? _outputBreaksLines : null);
            pos = end.Offset + (stripRight ? 3 : 2);
            i = parser.Position + 1;
        }

        Region(pos, _text.Length);
        if (_blocks.Count > 0)
        {
            throw new KeptInJinja($"'{{% {_blocks.Peek().Kind} %}}' that is never closed", _baseOffset + _blocks.Peek().Offset);
        }

        var result = Assemble();
        if (JinjaFrontEnd.LooksLikeJinja(result))
        {
            // ngdbt decides per file: a native file must not contain '{%' or '{#' anywhere (template-language: auto).
            throw new KeptInJinja("text containing '{%' or '{#' outside tags", _baseOffset);
        }

        return new ConvertedTemplate(result, _scope.Called, _macros, _returning);
    }

    /// <param name="guard">Whether the tag's output can span lines (see <see cref="Assemble"/>); by default, blocks.</param>
    private void Tag(string code, bool stripLeft, bool stripRight, bool? guard = null)
        => _pieces.Add(new Piece(code, stripLeft, stripRight) { Guard = guard ?? IsBlock(code) });

    private void Text(int start, int length)
    {
        if (length > 0)
        {
            _pieces.Add(new Piece(_text.Substring(start, length), false, false) { IsText = true });
        }
    }

    private string Output(JinjaParser parser)
    {
        var value = parser.TupleOrExpression();
        if (value is CallExpr { Target: NameExpr { Name: "return" } } ret)
        {
            if (_scope.CurrentMacro is null || ret.Args.Count != 1 || ret.Kwargs.Count > 0)
            {
                throw new KeptInJinja("return() outside a macro or with other than one argument", _baseOffset + ret.Offset);
            }

            _returning.Add(_scope.CurrentMacro);
            _outputBreaksLines = false;
            return "ret " + _expressions.Top(ret.Args[0]);
        }

        _outputBreaksLines = ScribanExpressions.MayBreakLines(value);
        return _expressions.Output(value);
    }

    /// <summary>Text between tags, with the Jinja comments and raw blocks in it.</summary>
    private void Region(int from, int to)
    {
        var p = from;
        while (p < to)
        {
            var open = _text.IndexOf('{', p, to - p);
            while (open >= 0 && open + 1 < to && _text[open + 1] is not ('#' or '%'))
            {
                open = open + 1 < to ? _text.IndexOf('{', open + 1, to - open - 1) : -1;
            }

            if (open < 0 || open + 1 >= to)
            {
                Text(p, to - p);
                return;
            }

            Text(p, open - p);
            p = _text[open + 1] == '#' ? Comment(open) : Raw(open);
        }
    }

    private int Comment(int open)
    {
        var close = _text.IndexOf("#}", open + 2, StringComparison.Ordinal);
        var stripLeft = _text[open + 2] == '-';
        var stripRight = close - 1 >= open + 2 + (stripLeft ? 1 : 0) && _text[close - 1] == '-';
        var body = _text[(open + (stripLeft ? 3 : 2))..(stripRight ? close - 1 : close)];
        if (body.Contains("##", StringComparison.Ordinal) || body.Contains("}}", StringComparison.Ordinal))
        {
            throw new KeptInJinja("comment containing '##' or '}}'", _baseOffset + open);
        }

        // `{{ ##` with a space: `{{##` contains `{#`, which would make the file Jinja again under template-language: auto.
        Tag("##" + body + "##", stripLeft, stripRight);
        return close + 2;
    }

    /// <summary>`{% raw %}text{% endraw %}` → the text as a Scriban string literal.</summary>
    private int Raw(int open)
    {
        var stripLeft = _text[open + 2] == '-';
        var headEnd = _text.IndexOf("%}", open, StringComparison.Ordinal);
        var bodyStart = headEnd + 2;
        var stripBody = _text[headEnd - 1] == '-';
        var endOpen = _text.IndexOf("{%", bodyStart, StringComparison.Ordinal);
        while (endOpen >= 0 && !_text.AsSpan(endOpen + 2).TrimStart("- \t\r\n").StartsWith("endraw"))
        {
            endOpen = _text.IndexOf("{%", endOpen + 2, StringComparison.Ordinal);
        }

        var endClose = _text.IndexOf("%}", endOpen, StringComparison.Ordinal);
        var body = _text[bodyStart..endOpen];
        body = stripBody ? body.TrimStart() : body;
        body = _text[endOpen + 2] == '-' ? body.TrimEnd() : body;
        Tag(ScribanExpressions.Quote(body), stripLeft, _text[endClose - 1] == '-', body.Contains('\n', StringComparison.Ordinal));
        return endClose + 2;
    }

    /// <summary>A hook string inside a tag, converted on its own (positions are reported in the outer file).</summary>
    private string Hook(string template, int offset) => new TemplateConverter(template, _baseOffset + offset, _scope.BooleanVars).Run().Text;
}
