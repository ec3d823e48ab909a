using System.Globalization;

namespace Ngdbt.Templating.Jinja;

internal sealed partial class JinjaParser
{
    /// <summary>`a, b` without brackets is a tuple (in `{{ }}`, `set` and `for ... in`).</summary>
    private Expr ParseTupleOrExpression() => ParseTuple(withCondition: true);

    private Expr ParseTuple(bool withCondition)
    {
        var offset = Current.Offset;
        var first = withCondition ? ParseExpression() : ParseOr();
        if (!IsOp(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (SkipOp(","))
        {
            if (Current.Kind is TokenKind.BlockEnd or TokenKind.VarEnd)
            {
                break;
            }

            items.Add(withCondition ? ParseExpression() : ParseOr());
        }

        return new ListExpr(items, true, offset);
    }

    private Expr ParseExpression()
    {
        var offset = Current.Offset;
        var value = ParseOr();
        while (SkipName("if"))
        {
            var condition = ParseOr();
            var otherwise = SkipName("else") ? ParseExpression() : null;
            value = new CondExpr(condition, value, otherwise, offset);
        }

        return value;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (IsName("or"))
        {
            var offset = Next().Offset;
            left = new BinaryExpr("or", left, ParseAnd(), offset);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (IsName("and"))
        {
            var offset = Next().Offset;
            left = new BinaryExpr("and", left, ParseNot(), offset);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (IsName("not"))
        {
            var offset = Next().Offset;
            return new UnaryExpr("not", ParseNot(), offset);
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var left = ParseMath1();
        while (true)
        {
            var offset = Current.Offset;
            string op;
            if (Current.Kind == TokenKind.Operator && Current.Value is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                op = Next().Value;
            }
            else if (SkipName("in"))
            {
                op = "in";
            }
            else if (IsName("not") && _tokens[_pos + 1] is { Kind: TokenKind.Name, Value: "in" })
            {
                _pos += 2;
                op = "not in";
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(op, left, ParseMath1(), offset);
        }
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.Kind == TokenKind.Operator && Current.Value is "+" or "-")
        {
            var token = Next();
            left = new BinaryExpr(token.Value, left, ParseConcat(), token.Offset);
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (IsOp("~"))
        {
            var offset = Next().Offset;
            left = new BinaryExpr("~", left, ParseMath2(), offset);
        }

        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var token = Next();
            left = new BinaryExpr(token.Value, left, ParsePow(), token.Offset);
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary();
        while (IsOp("**"))
        {
            var offset = Next().Offset;
            left = new BinaryExpr("**", left, ParseUnary(), offset);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind == TokenKind.Operator && Current.Value is "-" or "+")
        {
            // Jinja: `-3 | abs` filters the negation.
            var token = Next();
            return ParseFilters(new UnaryExpr(token.Value, ParseUnaryNoFilter(), token.Offset));
        }

        return ParseFilters(ParsePostfix(ParsePrimary()));
    }

    private Expr ParseUnaryNoFilter()
    {
        if (Current.Kind == TokenKind.Operator && Current.Value is "-" or "+")
        {
            var token = Next();
            return new UnaryExpr(token.Value, ParseUnaryNoFilter(), token.Offset);
        }

        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
                var text = token.Value;
                // Adjacent string literals concatenate, as in Python.
                while (Current.Kind == TokenKind.String)
                {
                    text += Next().Value;
                }

                return new ConstExpr(text, token.Offset);
            case TokenKind.Integer:
                return new ConstExpr(long.Parse(token.Value, CultureInfo.InvariantCulture), token.Offset);
            case TokenKind.Float:
                // Exact: a literal such as 0.5 is a decimal, never a double.
                return new ConstExpr(decimal.Parse(token.Value, CultureInfo.InvariantCulture), token.Offset);
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new ConstExpr(true, token.Offset),
                    "false" or "False" => new ConstExpr(false, token.Offset),
                    "none" or "None" => new ConstExpr(null, token.Offset),
                    _ => new NameExpr(token.Value, token.Offset),
                };
            case TokenKind.Operator when token.Value == "(":
            {
                if (SkipOp(")"))
                {
                    return new ListExpr([], true, token.Offset);
                }

                var inner = ParseExpression();
                if (IsOp(","))
                {
                    var items = new List<Expr> { inner };
                    while (SkipOp(",") && !IsOp(")"))
                    {
                        items.Add(ParseExpression());
                    }

                    ExpectOp(")");
                    return new ListExpr(items, true, token.Offset);
                }

                ExpectOp(")");
                return inner;
            }

            case TokenKind.Operator when token.Value == "[":
            {
                var items = new List<Expr>();
                while (!SkipOp("]"))
                {
                    items.Add(ParseExpression());
                    if (!SkipOp(","))
                    {
                        ExpectOp("]");
                        break;
                    }
                }

                return new ListExpr(items, false, token.Offset);
            }

            case TokenKind.Operator when token.Value == "{":
            {
                var items = new List<(Expr, Expr)>();
                while (!SkipOp("}"))
                {
                    var key = ParseExpression();
                    ExpectOp(":");
                    items.Add((key, ParseExpression()));
                    if (!SkipOp(","))
                    {
                        ExpectOp("}");
                        break;
                    }
                }

                return new DictExpr(items, token.Offset);
            }

            default:
                _pos--;
                throw Error($"unexpected {Describe(token)} in an expression");
        }
    }

    private Expr ParsePostfix(Expr value)
    {
        while (true)
        {
            // Postfix nodes keep the position where the whole expression starts (errors point at `a.b.c(...)`).
            var offset = value.Offset;
            if (SkipOp("."))
            {
                var member = Current.Kind == TokenKind.Integer ? Next().Value : ExpectName();
                value = new AttrExpr(value, member, offset);
            }
            else if (SkipOp("["))
            {
                value = ParseSubscript(value, offset);
            }
            else if (IsOp("("))
            {
                value = ParseCall(value);
            }
            else
            {
                return value;
            }
        }
    }

    private Expr ParseSubscript(Expr value, int offset)
    {
        Expr? start = IsOp(":") ? null : ParseExpression();
        if (!SkipOp(":"))
        {
            ExpectOp("]");
            return new ItemExpr(value, start!, offset);
        }

        Expr? stop = IsOp(":") || IsOp("]") ? null : ParseExpression();
        Expr? step = null;
        if (SkipOp(":") && !IsOp("]"))
        {
            step = ParseExpression();
        }

        ExpectOp("]");
        return new SliceExpr(value, start, stop, step, offset);
    }

    private CallExpr ParseCall(Expr target)
    {
        var offset = Current.Offset;
        ExpectOp("(");
        var (args, kwargs) = ParseArguments();
        return new CallExpr(target, args, kwargs, target.Offset);
    }

    /// <summary>`(a, b=1, c,)` after the opening parenthesis, up to and including the closing one.</summary>
    private (List<Expr> Args, List<(string, Expr)> Kwargs) ParseArguments()
    {
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        while (!SkipOp(")"))
        {
            if (Current.Kind == TokenKind.Name && _tokens[_pos + 1] is { Kind: TokenKind.Operator, Value: "=" })
            {
                var name = Next().Value;
                _pos++;
                kwargs.Add((name, ParseExpression()));
            }
            else
            {
                if (kwargs.Count > 0)
                {
                    throw Error("a positional argument cannot follow a keyword argument");
                }

                args.Add(ParseExpression());
            }

            if (!SkipOp(","))
            {
                ExpectOp(")");
                break;
            }
        }

        return (args, kwargs);
    }

    private Expr ParseFilters(Expr value)
    {
        while (true)
        {
            var offset = Current.Offset;
            if (SkipOp("|"))
            {
                var name = ExpectName();
                List<Expr> args = [];
                List<(string, Expr)> kwargs = [];
                if (SkipOp("("))
                {
                    (args, kwargs) = ParseArguments();
                }

                value = ParsePostfix(new FilterExpr(value, name, args, kwargs, offset));
            }
            else if (SkipName("is"))
            {
                var negated = SkipName("not");
                var name = Current.Kind == TokenKind.Operator && Current.Value is "==" or "!=" or "<" or ">" or "<=" or ">=" ? Next().Value : ExpectName();
                var args = new List<Expr>();
                if (SkipOp("("))
                {
                    var (a, _) = ParseArguments();
                    args = a;
                }
                else if (Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float
                         || (Current.Kind == TokenKind.Name && Current.Value is not ("and" or "or" or "else" or "if" or "not" or "in")))
                {
                    args.Add(ParsePrimary());
                }

                value = new TestExpr(value, name, args, negated, offset);
            }
            else
            {
                return value;
            }
        }
    }
}
