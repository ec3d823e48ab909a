namespace Ngdbt.Templating.Jinja;

/// <summary>What a Jinja file uses, found by walking every branch (like the Scriban side): literal refs and sources,
/// config calls, and the names it calls (macros, <c>adapter.dispatch('x')</c> as <c>dispatch:x</c>).</summary>
internal sealed record JinjaStatic(IReadOnlyList<(string Name, string? Package, int Offset)> Refs, IReadOnlyList<(string Source, string Table, int Offset)> Sources, IReadOnlyList<CallExpr> Configs, IReadOnlySet<string> Called, IReadOnlyList<(string Message, int Offset)> Problems);

internal static class JinjaAnalyzer
{
    public static JinjaStatic Analyze(IReadOnlyList<Stmt> body)
    {
        var refs = new List<(string, string?, int)>();
        var sources = new List<(string, string, int)>();
        var configs = new List<CallExpr>();
        var called = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<(string, int)>();

        void VisitExpr(Expr? e)
        {
            switch (e)
            {
                case null or ConstExpr or NameExpr:
                    return;
                case CallExpr c:
                    OnCall(c);
                    VisitExpr(c.Target);
                    c.Args.ToList().ForEach(VisitExpr);
                    c.Kwargs.ToList().ForEach(k => VisitExpr(k.Value));
                    return;
                case AttrExpr a:
                    VisitExpr(a.Target);
                    return;
                case ItemExpr i:
                    VisitExpr(i.Target);
                    VisitExpr(i.Key);
                    return;
                case SliceExpr s:
                    VisitExpr(s.Target);
                    VisitExpr(s.Start);
                    VisitExpr(s.Stop);
                    VisitExpr(s.Step);
                    return;
                case FilterExpr f:
                    VisitExpr(f.Value);
                    f.Args.ToList().ForEach(VisitExpr);
                    return;
                case TestExpr t:
                    VisitExpr(t.Value);
                    t.Args.ToList().ForEach(VisitExpr);
                    return;
                case UnaryExpr u:
                    VisitExpr(u.Operand);
                    return;
                case BinaryExpr b:
                    VisitExpr(b.Left);
                    VisitExpr(b.Right);
                    return;
                case CondExpr c:
                    VisitExpr(c.Condition);
                    VisitExpr(c.Then);
                    VisitExpr(c.Else);
                    return;
                case ListExpr l:
                    l.Items.ToList().ForEach(VisitExpr);
                    return;
                case DictExpr d:
                    d.Items.ToList().ForEach(kv => { VisitExpr(kv.Key); VisitExpr(kv.Value); });
                    return;
            }
        }

        void OnCall(CallExpr c)
        {
            var literal = c.Args.Select(a => a is ConstExpr { Value: string s } ? s : null).ToList();
            switch (c.Target)
            {
                case NameExpr { Name: "ref" }:
                    var version = c.Kwargs.Any(k => k.Name is "v" or "version");
                    if (literal is [{ } one] && !version)
                    {
                        refs.Add((one, null, c.Offset));
                    }
                    else if (literal is [{ } pkg, { } name] && !version)
                    {
                        refs.Add((name, pkg, c.Offset));
                    }
                    else
                    {
                        problems.Add(("ref() takes one or two string literals: ref('model') or ref('package', 'model')", c.Offset));
                    }

                    called.Add("ref");
                    break;
                case NameExpr { Name: "source" }:
                    if (literal is [{ } src, { } table])
                    {
                        sources.Add((src, table, c.Offset));
                    }
                    else
                    {
                        problems.Add(("source() takes two string literals: source('source_name', 'table_name')", c.Offset));
                    }

                    called.Add("source");
                    break;
                case NameExpr { Name: "config" }:
                    configs.Add(c);
                    called.Add("config");
                    break;
                case NameExpr n:
                    called.Add(n.Name);
                    break;
                case AttrExpr { Target: NameExpr { Name: "adapter" }, Name: "dispatch" } when literal is [{ } dispatched, ..]:
                    called.Add("dispatch:" + dispatched);
                    break;
                case AttrExpr { Target: NameExpr { Name: var package }, Name: var macro }:
                    called.Add(package + "." + macro);
                    called.Add(macro);
                    break;
            }
        }

        void VisitStmts(IReadOnlyList<Stmt>? stmts)
        {
            foreach (var s in stmts ?? [])
            {
                switch (s)
                {
                    case OutputStmt o:
                        VisitExpr(o.Value);
                        break;
                    case IfStmt i:
                        foreach (var (cond, branch) in i.Branches)
                        {
                            VisitExpr(cond);
                            VisitStmts(branch);
                        }

                        VisitStmts(i.Else);
                        break;
                    case ForStmt f:
                        VisitExpr(f.Iterable);
                        VisitExpr(f.Filter);
                        VisitStmts(f.Body);
                        VisitStmts(f.Else);
                        break;
                    case SetStmt set:
                        VisitExpr(set.Value);
                        break;
                    case SetBlockStmt sb:
                        VisitStmts(sb.Body);
                        break;
                    case MacroStmt m:
                        m.Params.ToList().ForEach(p => VisitExpr(p.Default));
                        VisitStmts(m.Body);
                        break;
                    case CallBlockStmt cb:
                        VisitExpr(cb.Call);
                        VisitStmts(cb.Body);
                        break;
                    case FilterBlockStmt fb:
                        VisitStmts(fb.Body);
                        break;
                    case DoStmt d:
                        VisitExpr(d.Value);
                        break;
                }
            }
        }

        VisitStmts(body);
        return new JinjaStatic(refs, sources, configs, called, problems);
    }
}
