namespace Ngdbt.Templating.Jinja;

/// <summary>Recursive-descent parser for the Jinja statements and expressions dbt projects use. Statement bodies end at
/// the tags given to <see cref="ParseBody"/>; expressions follow Jinja's precedence.</summary>
internal sealed partial class JinjaParser
{
    private readonly List<Token> _tokens;
    private int _pos;

    private JinjaParser(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<Stmt> Parse(string text)
    {
        var parser = new JinjaParser(JinjaLexer.Tokenize(text));
        var body = parser.ParseBody([], out _);
        return body;
    }

    private Token Current => _tokens[_pos];

    private Token Next() => _tokens[_pos++];

    private bool IsOp(string op) => Current.Kind == TokenKind.Operator && Current.Value == op;

    private bool IsName(string name) => Current.Kind == TokenKind.Name && Current.Value == name;

    private bool SkipOp(string op)
    {
        if (!IsOp(op))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private bool SkipName(string name)
    {
        if (!IsName(name))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void ExpectOp(string op)
    {
        if (!SkipOp(op))
        {
            throw Error($"expected '{op}' but found {Describe(Current)}");
        }
    }

    private string ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected a name but found {Describe(Current)}");
        }

        return Next().Value;
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Error($"expected '%}}' but found {Describe(Current)}");
        }

        _pos++;
    }

    private JinjaException Error(string message) => new(message, Current.Offset);

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.BlockEnd => "'%}'",
        TokenKind.VarEnd => "'}}'",
        TokenKind.Eof => "the end of the file",
        TokenKind.String => $"string '{t.Value}'",
        _ => $"'{t.Value}'",
    };

    /// <summary>Statements until one of <paramref name="ends"/> (a tag name such as endif/elif/else); the end tag's
    /// name is consumed and returned, its arguments are left for the caller.</summary>
    private List<Stmt> ParseBody(string[] ends, out string end)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Eof:
                    if (ends.Length > 0)
                    {
                        throw new JinjaException($"unexpected end of file: expected '{{% {ends[^1]} %}}'", token.Offset);
                    }

                    end = string.Empty;
                    return body;
                case TokenKind.Data:
                    _pos++;
                    body.Add(new TextStmt(token.Value, token.Offset));
                    break;
                case TokenKind.VarBegin:
                    _pos++;
                    var value = ParseTupleOrExpression();
                    if (Current.Kind != TokenKind.VarEnd)
                    {
                        throw Error($"expected '}}}}' but found {Describe(Current)}");
                    }

                    _pos++;
                    body.Add(new OutputStmt(value, token.Offset));
                    break;
                case TokenKind.BlockBegin:
                    _pos++;
                    var tag = Current;
                    var name = ExpectName();
                    if (Array.IndexOf(ends, name) >= 0)
                    {
                        end = name;
                        return body;
                    }

                    body.Add(ParseStatement(name, token.Offset));
                    break;
                default:
                    throw Error($"unexpected {Describe(token)}");
            }
        }
    }
}
