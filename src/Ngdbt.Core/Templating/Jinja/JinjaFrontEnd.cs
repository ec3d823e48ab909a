using Ngdbt.Diagnostics;

namespace Ngdbt.Templating.Jinja;

/// <summary>dbt's Jinja as a second front-end: parses a file into a <see cref="ParsedTemplate"/> (refs, sources and
/// configs from every branch, plus those of the macros it calls, as in dbt) and renders it with a
/// <see cref="RenderScope"/>, so Jinja and Scriban templates go through the same manifest, graph, compile and run.</summary>
public static partial class JinjaFrontEnd
{
    /// <summary>Per-file detection (for projects that mix both): a Jinja statement or comment makes a file Jinja.</summary>
    public static bool LooksLikeJinja(string text) => text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal);

    public static ParsedTemplate Parse(string text, string file, DiagnosticBag diagnostics, JinjaEnvironment? environment, Func<string, JinjaTemplate, object, ConfigCall?>? evaluateConfig = null)
    {
        var source = new JinjaSource(file, text);
        if (ParseOrReport(source, text, diagnostics) is not { } body)
        {
            return new ParsedTemplate(file, text, null, [], [], [], []);
        }

        var snapshot = SnapshotBlock(source, ref body, diagnostics);
        var template = new JinjaTemplate(source, body);
        var found = JinjaAnalyzer.Analyze(body);
        foreach (var (message, offset) in found.Problems)
        {
            diagnostics.Error(DiagnosticCodes.TemplateSyntax, source.Span(offset), message);
        }

        var refs = found.Refs.Select(r => new RefCall(r.Name, r.Package, source.Span(r.Offset))).ToList();
        var sources = found.Sources.Select(s => new SourceCall(s.Source, s.Table, source.Span(s.Offset))).ToList();
        var called = new HashSet<string>(found.Called, StringComparer.Ordinal);
        if (environment is not null)
        {
            AddMacroDependencies(environment, found.Called, refs, sources, called);
        }

        var configs = new List<ConfigCall>();
        foreach (var call in found.Configs)
        {
            if (Literal(call, source) is { } literal)
            {
                configs.Add(literal);
            }
            else if (evaluateConfig?.Invoke(file, template, call) is { } evaluated)
            {
                configs.Add(evaluated);
            }
        }

        var calledNames = called.Where(n => !n.Contains(':') && !n.Contains('.')).Order(StringComparer.Ordinal).ToList();
        return new ParsedTemplate(file, text, null, refs, sources, configs, calledNames) { Jinja = template, Snapshot = snapshot };
    }

    /// <summary>Refs and sources inside the macros a file calls (transitively, through adapter.dispatch too) are
    /// dependencies of the file, as dbt finds them when it renders the file at parse time.</summary>
    private static void AddMacroDependencies(JinjaEnvironment environment, IEnumerable<string> direct, List<RefCall> refs, List<SourceCall> sources, HashSet<string> called)
    {
        var queue = new Queue<string>(direct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            IEnumerable<string> targets = name.StartsWith("dispatch:", StringComparison.Ordinal)
                ? environment.MacroStatics.Keys.Where(k => k.EndsWith("__" + name[9..], StringComparison.Ordinal))
                : [name];
            foreach (var target in targets)
            {
                if (!environment.MacroStatics.TryGetValue(target, out var stat))
                {
                    continue;
                }

                called.Add(target);
                var macro = environment.Find(target);
                refs.AddRange(stat.Refs.Select(r => new RefCall(r.Name, r.Package, macro?.Source.Span(r.Offset) ?? new SourceSpan(target, 1, 1))));
                sources.AddRange(stat.Sources.Select(s => new SourceCall(s.Source, s.Table, macro?.Source.Span(s.Offset) ?? new SourceSpan(target, 1, 1))));
                foreach (var next in stat.Called)
                {
                    queue.Enqueue(next);
                }
            }
        }
    }

    private static ConfigCall? Literal(CallExpr call, JinjaSource source)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        if (call.Args.Count > 0)
        {
            return null;
        }

        foreach (var (name, value) in call.Kwargs)
        {
            if (!TryLiteral(value, out var plain))
            {
                return null;
            }

            values[name] = plain;
            spans[name] = source.Span(value.Offset);
        }

        return new ConfigCall(values, spans);
    }

    private static bool TryLiteral(Expr e, out object? value)
    {
        value = null;
        switch (e)
        {
            case ConstExpr c:
                value = c.Value;
                return true;
            case ListExpr l:
                var list = new List<object?>();
                foreach (var item in l.Items)
                {
                    if (!TryLiteral(item, out var v))
                    {
                        return false;
                    }

                    list.Add(v);
                }

                value = list;
                return true;
            case DictExpr d:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in d.Items)
                {
                    if (k is not ConstExpr { Value: string key } || !TryLiteral(v, out var inner))
                    {
                        return false;
                    }

                    dict[key] = inner;
                }

                value = dict;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Renders a Jinja template with a scope; errors become a <see cref="JinjaRenderException"/> whose
    /// diagnostic points into the Jinja file (or the macro's file) at the failing expression.</summary>
    public static string Render(JinjaTemplate template, RenderScope scope)
    {
        var renderer = NewRenderer(template.Source, scope);
        return Run(() => renderer.Render(template.Body), template.Source);
    }

    /// <summary>Evaluates one call (a non-literal config() at parse time) with a scope.</summary>
    internal static void EvaluateCall(JinjaTemplate template, object call, RenderScope scope)
    {
        var renderer = NewRenderer(template.Source, scope);
        Run(() => renderer.Eval((CallExpr)call, renderer.Root), template.Source);
    }

    /// <summary>Renders a small Jinja text (a hook, an on-run-* statement, a description) with a scope.</summary>
    public static string RenderSnippet(string text, string file, RenderScope scope)
    {
        var source = new JinjaSource(file, text);
        var body = Run(() => JinjaParser.Parse(text), source);
        return Run(() => NewRenderer(source, scope).Render(body), source);
    }

    /// <summary>The file's statements, or null after reporting its syntax error at its position.</summary>
    private static IReadOnlyList<Stmt>? ParseOrReport(JinjaSource source, string text, DiagnosticBag diagnostics)
    {
        try
        {
            return JinjaParser.Parse(text);
        }
        catch (JinjaException e)
        {
            diagnostics.Error(DiagnosticCodes.TemplateSyntax, source.Span(e.Offset), $"Jinja syntax: {e.Message}");
            return null;
        }
    }

    /// <summary>Reads a Jinja macro file: its top-level macros (and test blocks, as test_&lt;name&gt;) go into the
    /// environment, its docs blocks into <see cref="JinjaEnvironment.Docs"/>. Returns the macros defined, with positions.</summary>
    public static IReadOnlyList<(string Name, SourceSpan Span, IReadOnlyList<string> Parameters)> LoadMacros(JinjaEnvironment environment, string text, string file, string? package, DiagnosticBag diagnostics)
    {
        var source = new JinjaSource(file, text);
        if (ParseOrReport(source, text, diagnostics) is not { } body)
        {
            return [];
        }

        var defined = new List<(string, SourceSpan, IReadOnlyList<string>)>();
        foreach (var stmt in body)
        {
            switch (stmt)
            {
                case MacroStmt m:
                    environment.Add(new JinjaMacro(m.Name, m.Params, m.Body, source, null) { Package = package, Offset = m.Offset }, package);
                    environment.MacroStatics[m.Name] = JinjaAnalyzer.Analyze(m.Body);
                    defined.Add((m.Name, source.Span(m.Offset), m.Params.Select(p => p.Name).ToList()));
                    break;
                case DocsStmt d:
                    AddDocs(environment, d, source, diagnostics);
                    break;
            }
        }

        return defined;
    }

    /// <summary>The docs blocks of a Markdown file (docs-paths, model-paths).</summary>
    public static void LoadDocs(JinjaEnvironment environment, string text, string file, DiagnosticBag diagnostics)
    {
        var source = new JinjaSource(file, text);
        try
        {
            foreach (var d in JinjaParser.Parse(text).OfType<DocsStmt>())
            {
                AddDocs(environment, d, source, diagnostics);
            }
        }
        catch (JinjaException e)
        {
            diagnostics.Error(DiagnosticCodes.TemplateSyntax, source.Span(e.Offset), $"Jinja syntax: {e.Message}");
        }
    }

    private static void AddDocs(JinjaEnvironment environment, DocsStmt d, JinjaSource source, DiagnosticBag diagnostics)
    {
        if (!environment.Docs.TryAdd(d.Name, d.Body.Trim()))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateName, source.Span(d.Offset), $"docs block '{d.Name}' is defined twice");
        }
    }

    /// <summary>Calls a macro of the environment by name with keyword arguments (a generic test block).</summary>
    public static string CallMacro(JinjaEnvironment environment, string name, IReadOnlyDictionary<string, object?> kwargs, RenderScope scope, string file)
    {
        var macro = environment.Find(name) ?? throw new InvalidOperationException($"no Jinja macro '{name}'");
        var renderer = NewRenderer(macro.Source, scope);
        var plain = kwargs.ToDictionary(kv => kv.Key, kv => Plain(kv.Value), StringComparer.Ordinal);
        return Run(() => JinjaValues.ToStr(macro.Call(new JinjaCall([], plain, macro.Offset, renderer))), macro.Source);
    }

    /// <summary>YAML values as Jinja sees them: read-only lists and dicts become mutable ones.</summary>
    private static object? Plain(object? value) => value switch
    {
        string => value,
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Plain(kv.Value), StringComparer.Ordinal),
        System.Collections.IEnumerable e => e.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };

    private static JinjaRenderer NewRenderer(JinjaSource source, RenderScope scope)
    {
        ScribanBridge? bridge = null;
        var root = JinjaContext.Build(scope, source);
        return new JinjaRenderer(source, root, JinjaContext.Fallback(scope, () => bridge ??= new ScribanBridge(scope, source.File)));
    }

    private static T Run<T>(Func<T> body, JinjaSource source)
    {
        try
        {
            return body();
        }
        catch (JinjaException e)
        {
            throw new JinjaRenderException(Diagnostic.Error(DiagnosticCodes.TemplateRuntime, (e.File ?? source).Span(e.Offset), e.Message));
        }
        catch (ReturnSignal r)
        {
            return r.Value is T t ? t : (T)(object)JinjaValues.ToStr(r.Value);
        }
    }
}
