using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

internal sealed partial class TemplateConverter
{
    /// <summary>One `{% … %}` tag as the code of a Scriban tag; null when it consumed more tags (see <see cref="_resume"/>).</summary>
    private string? Statement(JinjaParser parser, int offset, ref int index, bool stripLeft)
    {
        var name = parser.TagName();
        switch (name)
        {
            case "if":
                _blocks.Push(("if", offset));
                return "if " + _expressions.Condition(parser.TupleOrExpression());
            case "elif":
                Expect(offset, "if");
                return "else if " + _expressions.Condition(parser.TupleOrExpression());
            case "else":
                if (_blocks.TryPeek(out var top) && top.Kind == "for")
                {
                    // Scriban's for/else runs the else part when there was nothing to loop over, as Jinja's does.
                    return "else";
                }

                Expect(offset, "if");
                return "else";
            case "endif":
                Close(offset, "if");
                return "end";
            case "for":
                return For(parser, offset);
            case "endfor":
                Close(offset, "for");
                _scope.LoopDepth--;
                return "end";
            case "set":
                return Set(parser, offset);
            case "endset":
                Close(offset, "set");
                return "end";
            case "macro" or "test":
                return Macro(parser, offset, name, ref index, stripLeft);
            case "endmacro" or "endtest":
                Close(offset, name[3..]);
                parser.TakeName(_scope.CurrentMacro ?? string.Empty);
                _scope.CurrentMacro = null;
                _scope.Booleans.Clear();
                return "end";
            case "break" or "continue":
                if (_scope.LoopDepth == 0)
                {
                    throw new KeptInJinja($"{name} outside a loop", _baseOffset + offset);
                }

                return name;
            default:
                throw new KeptInJinja(name switch
                {
                    "call" => "{% call %} block (caller())",
                    "filter" => "{% filter %} block",
                    "do" => "{% do %} (a call for its side effect)",
                    _ => $"{{% {name} %}}",
                }, _baseOffset + offset);
        }
    }

    private string For(JinjaParser parser, int offset)
    {
        var target = parser.TagName();
        if (parser.PeekOp(","))
        {
            throw new KeptInJinja("for loop over several targets (for a, b in ...)", _baseOffset + offset);
        }

        if (!parser.TakeName("in"))
        {
            throw new KeptInJinja("for loop without 'in'", _baseOffset + offset);
        }

        var iterable = _expressions.Top(parser.Iterable());
        if (!parser.AtTagEnd)
        {
            throw new KeptInJinja("for loop with an 'if' filter or 'recursive'", _baseOffset + offset);
        }

        var variable = Local(target, offset);
        _blocks.Push(("for", offset));
        _scope.LoopDepth++;
        return $"for {variable} in {iterable}";
    }

    private string Set(JinjaParser parser, int offset)
    {
        var target = parser.SetTarget();
        if (target is not NameExpr variable)
        {
            throw new KeptInJinja("set of an attribute (namespace)", _baseOffset + offset);
        }

        if (parser.PeekOp(","))
        {
            throw new KeptInJinja("set of several names (tuple unpacking)", _baseOffset + offset);
        }

        var name = Local(variable.Name, offset);
        if (parser.TakeOp("="))
        {
            var value = parser.TupleOrExpression();
            if (_expressions.IsBooleanValue(value))
            {
                _scope.Booleans.Add(variable.Name);
            }
            else
            {
                _scope.Booleans.Remove(variable.Name);
            }

            return $"{name} = {_expressions.Top(value)}";
        }

        if (!parser.AtTagEnd)
        {
            throw new KeptInJinja("block set with a filter", _baseOffset + offset);
        }

        _blocks.Push(("set", offset));
        return "capture " + name;
    }

    private string? Macro(JinjaParser parser, int offset, string kind, ref int index, bool stripLeft)
    {
        if (_scope.CurrentMacro is not null)
        {
            throw new KeptInJinja("macro defined inside a macro", _baseOffset + offset);
        }

        var name = (kind == "test" ? "test_" : string.Empty) + parser.TagName();
        var parameters = parser.Params();
        if (!parser.AtTagEnd)
        {
            throw new KeptInJinja($"unexpected text after the {kind}'s parameters", _baseOffset + offset);
        }

        if (DispatchWrapper(parser.Position + 1, name, parameters) is { } after)
        {
            // `{% macro x(a) %}{{ return(adapter.dispatch('x', ...)(a)) }}{% endmacro %}` is what the engine does for
            // every `x` with `default__x`/`<adapter>__x` macros: natively it is left out and `x(a)` dispatches.
            var close = _tokens[after - 1];
            var stripRight = _text[close.Offset] == '-';
            Tag($"## {name}: adapter.dispatch is the engine's own (x calls <adapter>__x or default__x) ##", stripLeft, stripRight);
            _resume = close.Offset + (stripRight ? 3 : 2);
            index = after;
            return null;
        }

        _blocks.Push((kind, offset));
        _scope.CurrentMacro = name;
        _macros.Add(name);
        foreach (var p in parameters.Where(p => p.Default is ConstExpr { Value: bool }))
        {
            _scope.Booleans.Add(p.Name);
        }

        var list = parameters.Select(p => p.Default is null ? Local(p.Name, offset) : $"{Local(p.Name, offset)} = {_expressions.Top(p.Default)}").ToList();
        return $"func {name}({string.Join(", ", list)})";
    }

    /// <summary>The token index after `{% endmacro %}` when the macro's body is only a dispatch to its own name with its
    /// own parameters; null otherwise.</summary>
    private int? DispatchWrapper(int start, string name, List<MacroParam> parameters)
    {
        var i = SkipBlank(start);
        if (_tokens[i].Kind != TokenKind.VarBegin)
        {
            return null;
        }

        var output = JinjaParser.At(_tokens, i + 1);
        Expr value;
        try
        {
            value = output.TupleOrExpression();
        }
        catch (JinjaException)
        {
            return null;
        }

        if (value is not CallExpr { Target: NameExpr { Name: "return" }, Args: [CallExpr { Target: CallExpr { Target: AttrExpr { Target: NameExpr { Name: "adapter" }, Name: "dispatch" }, Args: [ConstExpr { Value: string dispatched }, ..] } } call] }
            || dispatched != name || call.Kwargs.Count > 0
            || !call.Args.Select(a => (a as NameExpr)?.Name).SequenceEqual(parameters.Select(p => (string?)p.Name)) || !output.AtTagEnd)
        {
            return null;
        }

        i = SkipBlank(output.Position + 1);
        if (_tokens[i].Kind != TokenKind.BlockBegin || _tokens[i + 1] is not { Kind: TokenKind.Name, Value: "endmacro" })
        {
            return null;
        }

        // No comment may stand between the tags either (comments make no token).
        var j = _tokens[i + 2].Kind == TokenKind.Name ? i + 3 : i + 2;
        var span = _text[_tokens[start - 1].Offset.._tokens[j].Offset];
        return _tokens[j].Kind == TokenKind.BlockEnd && !span.Contains("{#", StringComparison.Ordinal) ? j + 1 : null;
    }

    private int SkipBlank(int i) => _tokens[i].Kind == TokenKind.Data && string.IsNullOrWhiteSpace(_tokens[i].Value) ? i + 1 : i;

    /// <summary>A name the template binds (set, for, a macro parameter): it may shadow a dbt context name, not a Scriban keyword.</summary>
    private string Local(string name, int offset)
    {
        _scope.Locals.Add(name);
        return _expressions.Top(new NameExpr(name, offset));
    }

    private void Expect(int offset, string kind)
    {
        if (!_blocks.TryPeek(out var top) || top.Kind != kind)
        {
            throw new KeptInJinja($"tag outside its '{{% {kind} %}}' block", _baseOffset + offset);
        }
    }

    private void Close(int offset, string kind)
    {
        Expect(offset, kind);
        _blocks.Pop();
    }
}
