namespace Ngdbt.Templating.Jinja;

/// <summary>Reading one tag at a time, for tools that keep the file's text around the tags (`ngdbt convert`): the same
/// expression and statement-head grammar as the renderer, positioned just after a tag's opening token.</summary>
internal sealed partial class JinjaParser
{
    /// <summary>A parser over <paramref name="tokens"/> (from <see cref="JinjaLexer.Tokenize"/>) starting at <paramref name="start"/>.</summary>
    internal static JinjaParser At(List<Token> tokens, int start) => new(tokens) { _pos = start };

    internal int Position => _pos;

    internal Token Peek => Current;

    internal bool AtTagEnd => Current.Kind is TokenKind.BlockEnd or TokenKind.VarEnd;

    internal string TagName() => ExpectName();

    internal bool TakeName(string name) => SkipName(name);

    internal bool TakeOp(string op) => SkipOp(op);

    internal bool PeekOp(string op) => IsOp(op);

    internal Expr Expression() => ParseExpression();

    internal Expr TupleOrExpression() => ParseTupleOrExpression();

    internal Expr Iterable() => ParseTuple(withCondition: false);

    internal Expr SetTarget() => ParseSetTarget();

    internal List<MacroParam> Params() => ParseParams();

    internal List<(string Name, IReadOnlyList<Expr> Args, int Offset)> FilterChain() => ParseFilterChain();

    /// <summary>Moves past the tag's closing token; false when something else stands there.</summary>
    internal bool EndTag()
    {
        if (!AtTagEnd)
        {
            return false;
        }

        _pos++;
        return true;
    }
}
