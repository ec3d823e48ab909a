using Ngdbt.Load;

namespace Ngdbt.Templating.Jinja;

internal sealed partial class JinjaParser
{
    private Stmt ParseStatement(string name, int offset)
    {
        switch (name)
        {
            case "if":
                return ParseIf(offset);
            case "for":
                return ParseFor(offset);
            case "set":
                return ParseSet(offset);
            case "macro":
            {
                var macroName = ExpectName();
                var parameters = ParseParams();
                ExpectBlockEnd();
                var body = ParseBody(["endmacro"], out _);
                SkipName(macroName);
                ExpectBlockEnd();
                return new MacroStmt(macroName, parameters, body, offset);
            }

            case "test":
            {
                // dbt's generic test block: a macro named test_<name>.
                var testName = ExpectName();
                var parameters = ParseParams();
                ExpectBlockEnd();
                var body = ParseBody(["endtest"], out _);
                ExpectBlockEnd();
                return new MacroStmt("test_" + testName, parameters, body, offset);
            }

            case "call":
            {
                var callerParams = IsOp("(") ? ParseParams() : [];
                var call = ParseExpression() as CallExpr ?? throw new JinjaException("'{% call %}' needs a macro call: {% call name(args) %}", offset);
                ExpectBlockEnd();
                var body = ParseBody(["endcall"], out _);
                ExpectBlockEnd();
                return new CallBlockStmt(call, callerParams, body, offset);
            }

            case "filter":
            {
                var filters = ParseFilterChain();
                ExpectBlockEnd();
                var body = ParseBody(["endfilter"], out _);
                ExpectBlockEnd();
                return new FilterBlockStmt(filters, body, offset);
            }

            case "do":
            {
                var value = ParseTupleOrExpression();
                ExpectBlockEnd();
                return new DoStmt(value, offset);
            }

            case "docs":
            {
                var docName = ExpectName();
                ExpectBlockEnd();
                var start = Current.Offset;
                var body = ParseBody(["enddocs"], out _);
                ExpectBlockEnd();
                var text = string.Concat(body.Select(b => b is TextStmt t ? t.Text : throw new JinjaException("a docs block holds Markdown text only (no '{{ }}' or other tags inside)", b.Offset)));
                return new DocsStmt(docName, text, start);
            }

            case "break" or "continue":
                ExpectBlockEnd();
                return new LoopControlStmt(name == "break", offset);
            case "materialization":
                throw new JinjaException("custom materializations ('{% materialization %}') are not supported by ngdbt; use materialized: view, table, incremental, ephemeral or a snapshot", offset);
            case "snapshot":
            {
                // dbt's snapshot block: the select to snapshot, named; the front-end makes it the file's template.
                var snapshotName = ExpectName();
                ExpectBlockEnd();
                var body = ParseBody(["endsnapshot"], out _);
                ExpectBlockEnd();
                return new SnapshotStmt(snapshotName, body, offset);
            }
            default:
                throw new JinjaException($"unknown Jinja statement '{{% {name} %}}'{Suggest.Hint(Suggest.Closest(name, KnownTags))}", offset);
        }
    }

    private static readonly string[] KnownTags = ["if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro", "call", "endcall", "test", "endtest", "filter", "endfilter", "do", "docs", "enddocs", "raw", "endraw", "break", "continue", "snapshot", "endsnapshot"];

    private IfStmt ParseIf(int offset)
    {
        var branches = new List<(Expr, IReadOnlyList<Stmt>)>();
        var condition = ParseTupleOrExpression();
        ExpectBlockEnd();
        while (true)
        {
            var body = ParseBody(["elif", "else", "endif"], out var end);
            branches.Add((condition, body));
            if (end == "elif")
            {
                condition = ParseTupleOrExpression();
                ExpectBlockEnd();
                continue;
            }

            ExpectBlockEnd();
            if (end == "else")
            {
                var elseBody = ParseBody(["endif"], out _);
                ExpectBlockEnd();
                return new IfStmt(branches, elseBody, offset);
            }

            return new IfStmt(branches, null, offset);
        }
    }

    private ForStmt ParseFor(int offset)
    {
        var targets = new List<string> { ExpectName() };
        while (SkipOp(","))
        {
            targets.Add(ExpectName());
        }

        if (!SkipName("in"))
        {
            throw Error($"expected 'in' in the for loop but found {Describe(Current)}");
        }

        var iterable = ParseTuple(withCondition: false);
        Expr? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression();
        }

        if (SkipName("recursive"))
        {
            throw new JinjaException("recursive for loops are not supported by ngdbt", offset);
        }

        ExpectBlockEnd();
        var body = ParseBody(["else", "endfor"], out var end);
        ExpectBlockEnd();
        List<Stmt>? elseBody = null;
        if (end == "else")
        {
            elseBody = ParseBody(["endfor"], out _);
            ExpectBlockEnd();
        }

        return new ForStmt(targets, iterable, filter, body, elseBody, offset);
    }

    private Stmt ParseSet(int offset)
    {
        var targets = new List<Expr> { ParseSetTarget() };
        while (SkipOp(","))
        {
            targets.Add(ParseSetTarget());
        }

        if (SkipOp("="))
        {
            var value = ParseTupleOrExpression();
            ExpectBlockEnd();
            return new SetStmt(targets, value, offset);
        }

        var filters = IsOp("|") ? ParseFilterChain() : [];
        ExpectBlockEnd();
        var body = ParseBody(["endset"], out _);
        ExpectBlockEnd();
        return new SetBlockStmt(targets[0], filters, body, offset);
    }

    private Expr ParseSetTarget()
    {
        var token = Current;
        Expr target = new NameExpr(ExpectName(), token.Offset);
        if (SkipOp("."))
        {
            target = new AttrExpr(target, ExpectName(), token.Offset);
        }

        return target;
    }

    private List<(string Name, IReadOnlyList<Expr> Args, int Offset)> ParseFilterChain()
    {
        var filters = new List<(string, IReadOnlyList<Expr>, int)>();
        SkipOp("|");
        do
        {
            var offset = Current.Offset;
            var name = ExpectName();
            var args = new List<Expr>();
            if (SkipOp("("))
            {
                while (!SkipOp(")"))
                {
                    args.Add(ParseExpression());
                    if (!SkipOp(","))
                    {
                        ExpectOp(")");
                        break;
                    }
                }
            }

            filters.Add((name, args, offset));
        }
        while (SkipOp("|"));
        return filters;
    }

    private List<MacroParam> ParseParams()
    {
        var parameters = new List<MacroParam>();
        ExpectOp("(");
        while (!SkipOp(")"))
        {
            var name = ExpectName();
            Expr? defaultValue = SkipOp("=") ? ParseExpression() : null;
            parameters.Add(new MacroParam(name, defaultValue));
            if (!SkipOp(","))
            {
                ExpectOp(")");
                break;
            }
        }

        return parameters;
    }
}
