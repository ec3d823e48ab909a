using System.Globalization;
using System.Text;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>Writes a Jinja expression as Scriban source text with the same value, or throws <see cref="KeptInJinja"/>
/// naming what has no native form. Operators are parenthesised, so Jinja's precedence survives unchanged.</summary>
internal sealed partial class ScribanExpressions(ConvertScope scope)
{
    /// <summary>The expression of a `{{ }}` output: a value that is certainly a boolean prints True/False in Jinja and
    /// true/false in Scriban, so it stays Jinja.</summary>
    public string Output(Expr e) => IsBoolean(e) ? throw new KeptInJinja("a boolean printed by '{{ }}' (Jinja prints True/False)", e.Offset) : Top(e);

    /// <summary>The condition of an `if`: Jinja counts '', [], {}, 0 and none as false, Scriban only false and null, so only
    /// a condition that is certainly a boolean converts.</summary>
    public string Condition(Expr e) => IsBoolean(e)
        ? Top(e)
        : throw new KeptInJinja("a condition on a value that may not be a boolean (Jinja counts '', [], 0 as false, Scriban does not)", e.Offset);

    private bool IsBoolean(Expr e) => e switch
    {
        ConstExpr { Value: bool } or TestExpr => true,
        UnaryExpr { Op: "not" } u => IsBoolean(u.Operand),
        BinaryExpr { Op: "and" or "or" } b => IsBoolean(b.Left) && IsBoolean(b.Right),
        BinaryExpr b => b.Op is "==" or "!=" or "<" or ">" or "<=" or ">=" or "in" or "not in",
        AttrExpr { Target: NameExpr { Name: "loop" }, Name: "first" or "last" } => true,
        CallExpr { Target: NameExpr { Name: "is_incremental" } } => true,
        CallExpr { Target: AttrExpr { Name: "startswith" or "endswith" } } => true,
        NameExpr n => scope.Booleans.Contains(n.Name),
        CallExpr { Target: NameExpr { Name: "var" }, Args: [ConstExpr { Value: string name }], Kwargs.Count: 0 } => scope.BooleanVars.Contains(name),
        CallExpr { Target: NameExpr { Name: "var" }, Args: [ConstExpr { Value: string name }, ConstExpr { Value: bool }], Kwargs.Count: 0 } => scope.BooleanVars.Contains(name),
        _ => false,
    };

    /// <summary>Whether printing the value can give more than one line (Scriban would indent the lines after the first).</summary>
    public static bool MayBreakLines(Expr e) => e switch
    {
        ConstExpr c => c.Value is string s && s.Contains('\n', StringComparison.Ordinal),
        AttrExpr { Target: NameExpr { Name: "loop" or "this" or "target" } } or NameExpr { Name: "this" } => false,
        UnaryExpr or BinaryExpr { Op: not "~" } => false,
        CallExpr { Target: NameExpr { Name: "ref" or "source" or "config" or "is_incremental" } } => false,
        _ => true,
    };

    /// <summary>Whether a value is certainly a boolean (a macro parameter or variable known to hold one).</summary>
    public bool IsBooleanValue(Expr e) => IsBoolean(e);

    public string Top(Expr e)
    {
        var text = Write(e);
        return text.Length > 1 && text[0] == '(' && Closes(text) ? text[1..^1] : text;
    }

    public string Write(Expr e) => e switch
    {
        ConstExpr c => Const(c),
        NameExpr n => Name(n),
        AttrExpr { Target: NameExpr { Name: "loop" } } a when scope.LoopDepth > 0 && LoopMembers.TryGetValue(a.Name, out var loop) => loop,
        AttrExpr { Target: NameExpr { Name: "loop" } } a => throw new KeptInJinja($"loop.{a.Name}", a.Offset),
        AttrExpr a => Attr(a),
        ItemExpr { Target: ListExpr or DictExpr } i => throw new KeptInJinja("subscript of a literal", i.Offset),
        ItemExpr i => $"{Write(i.Target)}[{Top(i.Key)}]",
        SliceExpr s => throw new KeptInJinja("slice [a:b]", s.Offset),
        CallExpr c => Call(c),
        FilterExpr f => Filter(f),
        TestExpr t => Test(t),
        UnaryExpr { Op: "not" } u when IsBoolean(u.Operand) => $"(!{Write(u.Operand)})",
        UnaryExpr { Op: "not" } u => throw new KeptInJinja("'not' of a value that may not be a boolean", u.Offset),
        UnaryExpr u => $"({u.Op}{Write(u.Operand)})",
        BinaryExpr b => Binary(b),
        CondExpr c => throw new KeptInJinja("conditional expression 'a if c else b'", c.Offset),
        ListExpr { IsTuple: true } l => throw new KeptInJinja("tuple", l.Offset),
        ListExpr l => $"[{string.Join(", ", l.Items.Select(Top))}]",
        DictExpr d => d.Items.Count == 0 ? "{}" : $"{{{string.Join(", ", d.Items.Select(kv => $"{DictKey(kv.Key)}: {Top(kv.Value)}"))}}}",
        _ => throw new KeptInJinja(e.GetType().Name, e.Offset),
    };

    private string Name(NameExpr n)
    {
        if (JinjaOnly.Contains(n.Name) && !scope.Locals.Contains(n.Name))
        {
            throw new KeptInJinja($"'{n.Name}'", n.Offset);
        }

        if (ScribanReserved.Contains(n.Name) || n.Name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new KeptInJinja($"variable named '{n.Name}' (a Scriban keyword or builtin)", n.Offset);
        }

        return n.Name;
    }

    private string Attr(AttrExpr a)
    {
        if (a.Target is NameExpr { Name: "dbt" })
        {
            // ngdbt's shipped cross-database macros are plain names natively: dbt.dateadd(...) is dateadd(...).
            return Name(new NameExpr(a.Name, a.Offset));
        }

        return $"{Write(a.Target)}.{a.Name}";
    }

    private string Call(CallExpr c)
    {
        string target;
        switch (c.Target)
        {
            case CallExpr { Target: AttrExpr { Target: NameExpr { Name: "adapter" }, Name: "dispatch" } } dispatch
                when dispatch.Args is [ConstExpr { Value: string macro }, ..] && macro != scope.CurrentMacro:
                // The engine binds `name` to `<adapter>__name` or `default__name` when the project loads.
                target = Name(new NameExpr(macro, dispatch.Offset));
                break;
            case NameExpr { Name: "ref" or "source" or "var" or "env_var" or "is_incremental" } n:
                target = n.Name;
                break;
            case NameExpr { Name: "config" } n:
                target = n.Name;
                break;
            case NameExpr n:
                target = Name(n);
                break;
            case AttrExpr { Target: NameExpr { Name: "dbt" } } a:
                target = Attr(a);
                break;
            case AttrExpr { Name: "upper" or "lower" or "strip" or "replace" or "startswith" or "endswith" } a when c.Kwargs.Count == 0 && c.Args.Count == StringMethodArgs(a.Name):
                // Only Python's str has these methods.
                return $"({Write(a.Target)} | {StringMethod(a.Name)}{string.Concat(c.Args.Select(x => " " + Write(x)))})";
            case AttrExpr { Target: NameExpr { Name: "dbt_utils" } } a:
                throw new KeptInJinja($"package macro dbt_utils.{a.Name}()", a.Offset);
            case AttrExpr a:
                throw new KeptInJinja($"method call .{a.Name}()", a.Offset);
            default:
                throw new KeptInJinja("call of a computed value", c.Offset);
        }

        scope.Called.Add(target);
        var args = c.Args.Select(Top).Concat(c.Kwargs.Select(k => $"{k.Name}: {Keyword(target, k)}"));
        return $"{target}({string.Join(", ", args)})";
    }

    /// <summary>A config hook given as a string holds a template itself: it is converted too.</summary>
    private string Keyword(string target, (string Name, Expr Value) kwarg)
        => target == "config" && kwarg.Name is "pre_hook" or "post_hook" && kwarg.Value is ConstExpr { Value: string hook } c
            ? Quote(scope.Nested(hook, c.Offset))
            : Top(kwarg.Value);

    private string Filter(FilterExpr f)
    {
        if (!Filters.TryGetValue(f.Name, out var builtin) || f.Kwargs.Count > 0 || (f.Args.Count != builtin.Args && !(f.Name == "join" && f.Args.Count == 0)))
        {
            throw new KeptInJinja($"filter '{f.Name}'{(f.Args.Count > 0 || f.Kwargs.Count > 0 ? " with these arguments" : string.Empty)}", f.Offset);
        }

        var args = f.Name == "join" && f.Args.Count == 0 ? ["''"] : f.Args.Select(Write);
        return $"({Write(f.Value)} | {builtin.Function}{string.Concat(args.Select(a => " " + a))})";
    }

    private string Test(TestExpr t) => t.Name switch
    {
        "none" when t.Args.Count == 0 => $"({Write(t.Value)} {(t.Negated ? "!=" : "==")} null)",
        _ => throw new KeptInJinja($"test 'is {(t.Negated ? "not " : string.Empty)}{t.Name}'", t.Offset),
    };

    private string Binary(BinaryExpr b)
    {
        if (b.Op is "and" or "or" && !(IsBoolean(b.Left) && IsBoolean(b.Right)))
        {
            // Jinja's and/or give one of their operands ('a' or 'b' is 'a'); Scriban's give true or false.
            throw new KeptInJinja($"'{b.Op}' of values that may not be booleans", b.Offset);
        }

        if (b.Op is "in" or "not in")
        {
            var contains = b.Right switch
            {
                ListExpr { IsTuple: false } => $"({Write(b.Right)} | array.contains {Write(b.Left)})",
                ConstExpr { Value: string } or FilterExpr { Name: "join" or "upper" or "lower" or "trim" or "replace" } => $"({Write(b.Right)} | string.contains {Write(b.Left)})",
                _ => throw new KeptInJinja($"operator '{b.Op}' on a value that is not a list or string literal", b.Offset),
            };
            return b.Op == "in" ? contains : $"(!{contains})";
        }

        var op = b.Op switch
        {
            "and" => "&&",
            "or" => "||",
            "==" or "!=" or "<" or ">" or "<=" or ">=" or "+" or "-" or "*" or "%" or "//" => b.Op,
            "~" => "~",
            _ => throw new KeptInJinja(b.Op switch
            {
                "/" => "division '/' (Jinja's is exact, Scriban's a double)",
                "in" or "not in" => $"operator '{b.Op}'",
                _ => $"operator '{b.Op}'",
            }, b.Offset),
        };
        if (op == "~")
        {
            // Jinja's ~ joins the text of both sides; Scriban's + does once one side is a string.
            var left = Write(b.Left);
            var right = Write(b.Right);
            return IsText(b.Left) ? $"({left} + {right})" : $"('' + {left} + {right})";
        }

        return $"({Write(b.Left)} {op} {Write(b.Right)})";
    }

    private static bool IsText(Expr e) => e is ConstExpr { Value: string } or BinaryExpr { Op: "~" };

    private string DictKey(Expr key) => key is ConstExpr { Value: string s } ? Quote(s) : throw new KeptInJinja("dict key that is not a string", key.Offset);

    private static bool Closes(string text)
    {
        // True when the opening parenthesis at 0 is closed by the last character.
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote != '\0')
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == '(')
            {
                depth++;
            }
            else if (ch == ')' && --depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
    }
}
