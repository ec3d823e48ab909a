using System.Collections;

namespace Ngdbt.Templating.Jinja;

internal sealed partial class JinjaRenderer
{
    public object? Eval(Expr expr, Frame frame)
    {
        switch (expr)
        {
            case ConstExpr c:
                return c.Value;
            case NameExpr n:
                return Lookup(n.Name, frame);
            case AttrExpr a:
                return JinjaMembers.GetAttr(Eval(a.Target, frame), a.Name, a.Offset, this);
            case ItemExpr i:
                return JinjaMembers.GetItem(Eval(i.Target, frame), Eval(i.Key, frame), i.Offset, this);
            case SliceExpr s:
                return Slice(Eval(s.Target, frame), s.Start is null ? null : Eval(s.Start, frame), s.Stop is null ? null : Eval(s.Stop, frame), s.Step is null ? null : Eval(s.Step, frame), s.Offset);
            case CallExpr call:
                return Call(call, frame, null);
            case FilterExpr f:
                if (f.Name == "default" || f.Name == "d")
                {
                    var v = f.Value is NameExpr or AttrExpr or ItemExpr ? TryEval(f.Value, frame) : Eval(f.Value, frame);
                    var fallback = f.Args.Count > 0 ? Eval(f.Args[0], frame) : string.Empty;
                    var boolean = f.Args.Count > 1 && JinjaValues.Truthy(Eval(f.Args[1], frame));
                    return v is Undefined || (boolean && !JinjaValues.Truthy(v)) ? fallback : v;
                }

                return JinjaFilters.Apply(f.Name, Eval(f.Value, frame), [.. f.Args.Select(a => Eval(a, frame))], Kwargs(f.Kwargs, frame), new JinjaCall([], new Dictionary<string, object?>(), f.Offset, this));
            case TestExpr t:
                var subject = t.Name is "defined" or "undefined" ? TryEval(t.Value, frame) : Eval(t.Value, frame);
                return JinjaTests.Apply(t.Name, subject, [.. t.Args.Select(a => Eval(a, frame))], t.Offset) != t.Negated;
            case UnaryExpr u:
                var operand = Eval(u.Operand, frame);
                return u.Op switch
                {
                    "not" => !JinjaValues.Truthy(operand),
                    "-" => Wrap(() => JinjaValues.Number(-JinjaValues.ToDecimal(operand)), u.Offset),
                    _ => operand,
                };
            case BinaryExpr b:
                return Binary(b, frame);
            case CondExpr c:
                return JinjaValues.Truthy(Eval(c.Condition, frame)) ? Eval(c.Then, frame) : c.Else is null ? new Undefined("else") : Eval(c.Else, frame);
            case ListExpr l:
                return l.Items.Select(item => Eval(item, frame)).ToList();
            case DictExpr d:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in d.Items)
                {
                    dict[JinjaValues.ToStr(Eval(k, frame))] = Eval(v, frame);
                }

                return dict;
            default:
                throw new JinjaException("unsupported expression", expr.Offset);
        }
    }

    /// <summary>For `is defined` and `| default`: a missing name or attribute is Undefined instead of an error.</summary>
    private object? TryEval(Expr expr, Frame frame)
    {
        try
        {
            return Eval(expr, frame);
        }
        catch (JinjaException) when (expr is AttrExpr or ItemExpr)
        {
            return new Undefined(expr.ToString());
        }
    }

    private object? Lookup(string name, Frame frame)
    {
        if (frame.TryGet(name, out var value))
        {
            return value;
        }

        return fallback?.Invoke(name) ?? new Undefined(name);
    }

    private Dictionary<string, object?> Kwargs(IReadOnlyList<(string Name, Expr Value)> kwargs, Frame frame)
    {
        var result = new Dictionary<string, object?>(kwargs.Count, StringComparer.Ordinal);
        foreach (var (name, value) in kwargs)
        {
            result[name] = Eval(value, frame);
        }

        return result;
    }

    public object? Call(CallExpr call, Frame frame, JinjaMacro? caller)
    {
        var callee = Eval(call.Target, frame);
        var args = call.Args.Select(a => Eval(a, frame)).ToList();
        var kwargs = Kwargs(call.Kwargs, frame);
        if (callee is not IJinjaCallable callable)
        {
            var name = call.Target switch
            {
                NameExpr n => n.Name,
                AttrExpr a => a.Name,
                _ => "the expression",
            };
            throw new JinjaException(callee is Undefined ? $"'{name}' is undefined (no macro or function of that name)" : $"'{name}' ({JinjaValues.TypeName(callee)}) is not callable", call.Offset);
        }

        return callable.Call(new JinjaCall(args, kwargs, call.Offset, this) { Caller = caller });
    }

    private object? Binary(BinaryExpr b, Frame frame)
    {
        if (b.Op == "and")
        {
            var l = Eval(b.Left, frame);
            return JinjaValues.Truthy(l) ? Eval(b.Right, frame) : l;
        }

        if (b.Op == "or")
        {
            var l = Eval(b.Left, frame);
            return JinjaValues.Truthy(l) ? l : Eval(b.Right, frame);
        }

        var left = Eval(b.Left, frame);
        var right = Eval(b.Right, frame);
        return Wrap(() => b.Op switch
        {
            "~" => JinjaValues.ToStr(left) + JinjaValues.ToStr(right),
            "==" => JinjaValues.Equals(left, right),
            "!=" => !JinjaValues.Equals(left, right),
            "<" => JinjaValues.Compare(left, right) < 0,
            ">" => JinjaValues.Compare(left, right) > 0,
            "<=" => JinjaValues.Compare(left, right) <= 0,
            ">=" => JinjaValues.Compare(left, right) >= 0,
            "in" => JinjaValues.Contains(right, left),
            "not in" => !JinjaValues.Contains(right, left),
            "+" when left is string ls && right is string rs => ls + rs,
            "+" when left is IList ll && right is IList rl => ll.Cast<object?>().Concat(rl.Cast<object?>()).ToList(),
            "*" when left is string ls && right is long n => string.Concat(Enumerable.Repeat(ls, (int)n)),
            "%" when left is string format => JinjaMembers.PercentFormat(format, right),
            _ => Arithmetic(b.Op, left, right),
        }, b.Offset);
    }

    private static object Arithmetic(string op, object? left, object? right)
    {
        if (!JinjaValues.IsNumber(left) || !JinjaValues.IsNumber(right))
        {
            throw new InvalidCastException($"unsupported operand types for {op}: {JinjaValues.TypeName(left)} and {JinjaValues.TypeName(right)}");
        }

        var a = JinjaValues.ToDecimal(left);
        var c = JinjaValues.ToDecimal(right);
        var bothWhole = left is long or int && right is long or int;
        return op switch
        {
            "+" => bothWhole ? (long)(a + c) : a + c,
            "-" => bothWhole ? (long)(a - c) : a - c,
            "*" => bothWhole ? (long)(a * c) : a * c,
            "/" => c == 0 ? throw new InvalidCastException("division by zero") : a / c,
            "//" => c == 0 ? throw new InvalidCastException("division by zero") : JinjaValues.Number(Math.Floor(a / c)),
            "%" => c == 0 ? throw new InvalidCastException("division by zero") : JinjaValues.Number(a - (c * Math.Floor(a / c))),
            "**" => bothWhole && c >= 0 ? (long)Math.Pow((double)a, (double)c) : throw new InvalidCastException("'**' is supported for whole numbers only (exact arithmetic)"),
            _ => throw new InvalidCastException($"unknown operator {op}"),
        };
    }

    private object? Slice(object? target, object? start, object? stop, object? step, int offset)
    {
        var items = target switch
        {
            string s => s.Select(ch => (object?)ch.ToString()).ToList(),
            IList l => l.Cast<object?>().ToList(),
            _ => throw new JinjaException($"{JinjaValues.TypeName(target)} cannot be sliced", offset),
        };
        var n = items.Count;
        var st = step is null ? 1 : (int)JinjaValues.ToDecimal(step);
        if (st == 0)
        {
            throw new JinjaException("slice step cannot be zero", offset);
        }

        int Norm(object? v, int fallbackValue)
        {
            if (v is null)
            {
                return fallbackValue;
            }

            var i = (int)JinjaValues.ToDecimal(v);
            i = i < 0 ? i + n : i;
            return st > 0 ? Math.Clamp(i, 0, n) : Math.Clamp(i, -1, n - 1);
        }

        var from = Norm(start, st > 0 ? 0 : n - 1);
        var to = Norm(stop, st > 0 ? n : -1);
        var result = new List<object?>();
        for (var i = from; st > 0 ? i < to : i > to; i += st)
        {
            result.Add(items[i]);
        }

        return target is string ? string.Concat(result.Cast<string>()) : result;
    }
}
