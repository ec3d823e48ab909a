using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;
using Scriban.Syntax;

namespace Ngdbt.Compile;

/// <summary>Stage 6: renders templates with the execute-time scope. Nodes compile in parallel; ephemeral models are
/// compiled on demand and injected as CTEs into their consumers.</summary>
public sealed partial class Compiler
{
    public const string CtePrefix = "__ngdbt__cte__";

    private readonly ProjectManifest _manifest;
    private readonly CompileOptions _options;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly ConcurrentDictionary<string, Lazy<Rendered?>> _rendered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _byName;
    private readonly RenderCache? _cache;

    private Compiler(ProjectManifest manifest, CompileOptions options)
    {
        _manifest = manifest;
        _options = options;
        _cache = manifest.TemplateContext is null ? null : RenderCache.Open(manifest.Project.TargetDir);
        _byName = manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot)
            .ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    private sealed record Rendered(string Sql, IReadOnlyList<string> Ephemerals);

    public static CompileResult Compile(ProjectManifest manifest, IEnumerable<string> ids, CompileOptions options)
    {
        var compiler = new Compiler(manifest, options);
        var results = new ConcurrentDictionary<string, CompiledNode>(StringComparer.Ordinal);
        var targets = ids.Where(id => manifest.Nodes[id].Template is not null || manifest.Nodes[id].Test is not null || manifest.Nodes[id].UnitTest is not null).ToList();
        Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, id =>
        {
            if (compiler.CompileNode(manifest.Nodes[id]) is { } compiled)
            {
                results[id] = compiled;
            }
        });
        compiler.ReportKeptErrors();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        compiler._cache?.Save(manifest.Nodes.ContainsKey);
        Diagnostics.StageTimings.Report("  rendered-SQL cache saved", clock);
        return new CompileResult(results, compiler._diagnostics.ToSortedList());
    }

    public RelationRef RelationOf(Node node) => new(node.Schema, node.Identifier);

    private CompiledNode? CompileNode(Node node)
    {
        try
        {
            return CompileNodeCore(node);
        }
        catch (Exception e) when (IsRenderAtRun(e))
        {
            return Deferred(node, []);
        }
    }

    private CompiledNode? CompileNodeCore(Node node)
    {
        var rendered = node.Test is { IsGeneric: true } ? RenderGenericTest(node) : node.UnitTest is not null ? RenderUnitTest(node) : Render(node);
        if (rendered is null)
        {
            return Deferred(node, []);
        }

        var ephemerals = CollectEphemerals(rendered.Ephemerals);
        if (ephemerals.Any(id => Render(_manifest.Nodes[id]) is null))
        {
            return Deferred(node, ephemerals);
        }

        var sql = ephemerals.Count == 0 ? rendered.Sql : InjectCtes(rendered.Sql, ephemerals.Select(id => (CtePrefix + _manifest.Nodes[id].Name, Render(_manifest.Nodes[id])!.Sql)));
        var relation = node.IsRelation ? RelationOf(node) : null;
        var batched = ephemerals.Count == 0 ? RenderBatchTemplate(node) : (null, []);
        return new CompiledNode(node.UniqueId, sql, relation, IsIncremental(node), ephemerals)
        {
            PreHooks = RenderHooks(node, node.Config.PreHooks),
            PostHooks = RenderHooks(node, node.Config.PostHooks),
            RendersAtRun = _options.RenderIntrospectionAtRun && Introspects(node, ephemerals),
            BatchSql = batched.Sql,
            BatchInputs = batched.Inputs,
        };
    }

    /// <summary>All ephemeral models reachable through ephemeral refs, dependencies first.</summary>
    private List<string> CollectEphemerals(IReadOnlyList<string> direct)
    {
        var ordered = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string id)
        {
            if (!seen.Add(id))
            {
                return;
            }

            foreach (var inner in Render(_manifest.Nodes[id])?.Ephemerals ?? [])
            {
                Visit(inner);
            }

            ordered.Add(id);
        }

        foreach (var id in direct)
        {
            Visit(id);
        }

        return ordered;
    }

    private bool IsIncremental(Node node)
        => node.Config.Materialized == "incremental" && !FullRefresh(node) && _options.ExistingRelations.Contains(RelationOf(node));

    /// <summary>A model's `full_refresh: true|false` wins over --full-refresh (dbt: false protects a big table from it).</summary>
    private bool FullRefresh(Node node) => node.Config.Values.GetValueOrDefault("full_refresh") switch
    {
        true or "true" => true,
        false or "false" => false,
        _ => _options.FullRefresh,
    };

    /// <summary>What a node's own templates see (its SQL and its hooks): refs as its dependencies, `this`, vars, target, macros.</summary>
    private RenderScope NodeScope(Node node, List<string> ephemerals, Batch? batch = null) => new(
        Ref: r => EmptyInput(node, BatchInput(batch, r, ResolveRef(node, r, ephemerals))),
        Source: s => EmptyInput(node, SampleSource(node, s)),
        IsIncremental: () => IsIncremental(node),
        This: node.IsRelation ? new RelationValue(node.Schema, node.Identifier, _options.Dialect.Relation(node.Schema, node.Identifier)) : null,
        Vars: _manifest.Project.Vars,
        EnvVar: Environment.GetEnvironmentVariable,
        Target: ManifestBuilder.TargetObject(_manifest.Project.Target),
        Macros: _manifest.MacroScope,
        Jinja: NodeJinja(node),
        Query: TrackedQuery(node));

    /// <summary>Hooks are templates too (`{{ this }}`, `var()`, macros), rendered with the node's scope.</summary>
    private IReadOnlyList<string> RenderHooks(Node node, IReadOnlyList<string> hooks)
    {
        if (hooks.Count == 0 || !node.IsRelation)
        {
            return [];
        }

        var rendered = new List<string>();
        var scope = NodeScope(node, []);
        foreach (var hook in hooks)
        {
            if (_manifest.IsJinja(hook))
            {
                try
                {
                    rendered.Add(Templating.Jinja.JinjaFrontEnd.RenderSnippet(hook, node.FilePath, scope).Trim());
                }
                catch (Templating.Jinja.JinjaRenderException e)
                {
                    _diagnostics.Error(DiagnosticCodes.TemplateRuntime, node.Span, $"in a hook of '{node.Name}': {e.Diagnostic.Message}");
                }
                catch (CompileException e)
                {
                    _diagnostics.Add(e.Diagnostic);
                }

                continue;
            }

            var page = TemplateParser.ParseSnippet(hook, node.FilePath, out var errors);
            if (page is null)
            {
                _diagnostics.Error(DiagnosticCodes.TemplateSyntax, node.Span, $"in a hook of '{node.Name}': {string.Join("; ", errors)}");
                continue;
            }

            try
            {
                var context = TemplateRuntime.CreateContext(scope, node.FilePath);
                context.Evaluate(page);
                rendered.Add(context.Output.ToString()!.Trim());
            }
            catch (ScriptRuntimeException e) when (!IsRenderAtRun(e))
            {
                _diagnostics.Error(DiagnosticCodes.TemplateRuntime, node.Span, $"in a hook of '{node.Name}': {e.OriginalMessage}");
            }
            catch (CompileException e)
            {
                _diagnostics.Add(e.Diagnostic);
            }
        }

        return rendered;
    }

    private Rendered? Render(Node node) => _rendered.GetOrAdd(node.UniqueId, _ => new Lazy<Rendered?>(() => RenderCore(node))).Value;

    private Rendered? RenderCore(Node node, Batch? batch = null)
    {
        if (node.Template is not { IsValid: true } template)
        {
            return null;
        }

        // A batch's render reads other inputs than the node's own: it never comes from the cache.
        var key = batch is null ? RenderKey(node, template) : null;
        if (key is not null && _cache!.TryGet(node.UniqueId, key) is { } cached)
        {
            return new Rendered(cached, []);
        }

        var ephemerals = new List<string>();
        try
        {
            var rendered = new Rendered(TemplateRenderer.Render(template, NodeScope(node, ephemerals, batch)).Trim(), ephemerals);
            if (key is not null && ephemerals.Count == 0)
            {
                _cache!.Put(node.UniqueId, key, rendered.Sql);
                template.ReleaseAst();
            }

            return rendered;
        }
        catch (Exception e) when (IsRenderAtRun(e))
        {
            return null;
        }
        catch (Templating.Jinja.JinjaRenderException e)
        {
            RenderFailed(node, e.Diagnostic);
            return null;
        }
        catch (ScriptRuntimeException e) when (e.InnerException is CompileException inner)
        {
            RenderFailed(node, inner.Diagnostic);
            return null;
        }
        catch (ScriptRuntimeException e)
        {
            RenderFailed(node, Diagnostic.Error(DiagnosticCodes.TemplateRuntime, TemplateParser.ToSpan(e.Span.FileName ?? node.FilePath, e.Span.Start), e.OriginalMessage));
            return null;
        }
        catch (CompileException e)
        {
            RenderFailed(node, e.Diagnostic);
            return null;
        }
    }
}
