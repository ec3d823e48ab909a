using System.Text;

namespace Ngdbt.Templating.Jinja;

/// <summary>Renders Jinja statements. One renderer serves one render of one template (it is not shared between
/// threads); <see cref="Root"/> holds the globals the template and every macro it calls see.</summary>
internal sealed partial class JinjaRenderer(JinjaSource source, Frame root, Func<string, object?>? fallback = null)
{
    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public Frame Root { get; } = root;

    /// <summary>The file being rendered right now (a macro's own file while it runs).</summary>
    public JinjaSource Current { get; private set; } = source;

    public Diagnostics.SourceSpan Span(int offset) => Current.Span(offset);

    public string Render(IReadOnlyList<Stmt> body)
    {
        var output = new StringBuilder();
        ExecIn(Current, body, Root, output);
        return output.ToString();
    }

    public void ExecIn(JinjaSource source, IReadOnlyList<Stmt> body, Frame frame, StringBuilder output)
    {
        var previous = Current;
        Current = source;
        try
        {
            Exec(body, frame, output);
        }
        catch (JinjaException e) when (e.File is null)
        {
            e.File = source;
            throw;
        }
        finally
        {
            Current = previous;
        }
    }

    public object? EvalIn(JinjaSource source, Expr expr, Frame frame)
    {
        var previous = Current;
        Current = source;
        try
        {
            return Eval(expr, frame);
        }
        catch (JinjaException e) when (e.File is null)
        {
            e.File = source;
            throw;
        }
        finally
        {
            Current = previous;
        }
    }

    private Flow Exec(IReadOnlyList<Stmt> body, Frame frame, StringBuilder output)
    {
        foreach (var stmt in body)
        {
            var flow = Exec(stmt, frame, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow Exec(Stmt stmt, Frame frame, StringBuilder output)
    {
        switch (stmt)
        {
            case TextStmt t:
                output.Append(t.Text);
                break;
            case OutputStmt o:
                output.Append(JinjaValues.ToStr(Eval(o.Value, frame)));
                break;
            case IfStmt i:
                foreach (var (condition, branch) in i.Branches)
                {
                    if (JinjaValues.Truthy(Eval(condition, frame)))
                    {
                        return Exec(branch, frame, output);
                    }
                }

                return i.Else is null ? Flow.Normal : Exec(i.Else, frame, output);
            case ForStmt f:
                ExecFor(f, frame, output);
                break;
            case SetStmt s:
                Assign(s.Targets, Eval(s.Value, frame), frame, s.Offset);
                break;
            case SetBlockStmt b:
            {
                var inner = new StringBuilder();
                Exec(b.Body, frame, inner);
                Assign([b.Target], ApplyFilters(inner.ToString(), b.Filters, frame), frame, b.Offset);
                break;
            }

            case MacroStmt m:
                frame.Set(m.Name, new JinjaMacro(m.Name, m.Params, m.Body, Current, frame) { Offset = m.Offset });
                break;
            case CallBlockStmt c:
            {
                var caller = new JinjaMacro("caller", c.CallerParams, c.Body, Current, frame) { Offset = c.Offset };
                output.Append(JinjaValues.ToStr(Call(c.Call, frame, caller)));
                break;
            }

            case FilterBlockStmt fb:
            {
                var inner = new StringBuilder();
                Exec(fb.Body, frame, inner);
                output.Append(JinjaValues.ToStr(ApplyFilters(inner.ToString(), fb.Filters, frame)));
                break;
            }

            case DoStmt d:
                Eval(d.Value, frame);
                break;
            case DocsStmt:
                // Docs blocks are collected when the project loads; they render nothing where they stand.
                break;
            case LoopControlStmt l:
                return l.IsBreak ? Flow.Break : Flow.Continue;
            case SnapshotStmt:
                throw new JinjaException("a '{% snapshot %}' block must stand at the top level of its file (not inside another block or a macro)", stmt.Offset);
        }

        return Flow.Normal;
    }

    private void ExecFor(ForStmt f, Frame frame, StringBuilder output)
    {
        var source = Eval(f.Iterable, frame);
        if (source is Undefined u)
        {
            throw new JinjaException($"'{u.Name}' is undefined, so it cannot be looped over", f.Iterable.Offset);
        }

        var items = Wrap(() => JinjaValues.Iterate(source), f.Iterable.Offset);
        if (f.Filter is not null)
        {
            items = [.. items.Where(item =>
            {
                var probe = new Frame(frame);
                Bind(f.Targets, item, probe, f.Offset);
                return JinjaValues.Truthy(Eval(f.Filter, probe));
            })];
        }

        if (items.Count == 0)
        {
            if (f.Else is not null)
            {
                Exec(f.Else, frame, output);
            }

            return;
        }

        var loop = new JinjaLoop(items);
        var scope = new Frame(frame);
        scope.Set("loop", loop);
        for (var i = 0; i < items.Count; i++)
        {
            loop.Index0 = i;
            Bind(f.Targets, items[i], scope, f.Offset);
            if (Exec(f.Body, scope, output) == Flow.Break)
            {
                break;
            }
        }
    }

    private static void Bind(IReadOnlyList<string> targets, object? item, Frame frame, int offset)
    {
        if (targets.Count == 1)
        {
            frame.Set(targets[0], item);
            return;
        }

        var parts = item is System.Collections.IList list ? list : throw new JinjaException($"cannot unpack {JinjaValues.Repr(item)} into {targets.Count} names", offset);
        if (parts.Count != targets.Count)
        {
            throw new JinjaException($"cannot unpack {parts.Count} values into {targets.Count} names", offset);
        }

        for (var i = 0; i < targets.Count; i++)
        {
            frame.Set(targets[i], parts[i]);
        }
    }

    private void Assign(IReadOnlyList<Expr> targets, object? value, Frame frame, int offset)
    {
        if (targets.Count > 1)
        {
            var names = targets.Select(t => t as NameExpr ?? throw new JinjaException("only names can be unpacked into", t.Offset)).Select(n => n.Name).ToList();
            Bind(names, value, frame, offset);
            return;
        }

        switch (targets[0])
        {
            case NameExpr n:
                frame.Set(n.Name, value);
                break;
            case AttrExpr { Target: var t, Name: var member } when Eval(t, frame) is JinjaNamespace ns:
                ns.Values[member] = value;
                break;
            default:
                throw new JinjaException("only a name or a namespace attribute (ns.x) can be set", targets[0].Offset);
        }
    }

    private object? ApplyFilters(object? value, IReadOnlyList<(string Name, IReadOnlyList<Expr> Args, int Offset)> filters, Frame frame)
    {
        foreach (var (name, args, offset) in filters)
        {
            value = JinjaFilters.Apply(name, value, [.. args.Select(a => Eval(a, frame))], new Dictionary<string, object?>(), new JinjaCall([], new Dictionary<string, object?>(), offset, this));
        }

        return value;
    }

    private static T Wrap<T>(Func<T> body, int offset)
    {
        try
        {
            return body();
        }
        catch (InvalidCastException e)
        {
            throw new JinjaException(e.Message, offset);
        }
    }
}
