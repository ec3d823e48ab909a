using Ngdbt.Diagnostics;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>A `ref(...)` call found anywhere in the template AST (every branch), with its position.</summary>
public sealed record RefCall(string Name, string? Package, SourceSpan Span);

/// <summary>A `source('src', 'table')` call found in the template AST.</summary>
public sealed record SourceCall(string SourceName, string TableName, SourceSpan Span);

/// <summary>A `config(...)` call with the values its literal arguments evaluated to at parse time.</summary>
public sealed record ConfigCall(IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, SourceSpan> Spans);

/// <summary>A dbt `{% snapshot name %}` block: the snapshot's name and where the block starts.</summary>
public sealed record SnapshotBlock(string Name, SourceSpan Span);

/// <summary>The result of parsing one SQL template: the rewritten AST plus what static analysis found in it. A template
/// served by the partial parse cache (<see cref="Parse.TemplateParseCache"/>) has its AST parsed only when it is first
/// rendered (<see cref="Deferred"/>).</summary>
public sealed record ParsedTemplate(
    string File,
    string Text,
    ScriptPage? Page,
    IReadOnlyList<RefCall> Refs,
    IReadOnlyList<SourceCall> Sources,
    IReadOnlyList<ConfigCall> Configs,
    IReadOnlyList<string> CalledNames)
{
    private DeferredAst? _deferred;

    /// <summary>The template parsed as Jinja (dbt's dialect) instead of Scriban; <see cref="Page"/> is then null.</summary>
    public Jinja.JinjaTemplate? Jinja { get; init; }

    /// <summary>The file is a dbt `{% snapshot name %}` block (its body is the template): the name and the block's place.</summary>
    public SnapshotBlock? Snapshot { get; init; }

    /// <summary>Its render depends on nothing but its text, its refs' and sources' relations, `this`, is_incremental(),
    /// vars, the target and macros that are themselves so (<see cref="TemplatePurity"/>): it may be parsed and rendered
    /// from the partial parse caches.</summary>
    public bool Pure { get; init; }

    /// <summary>The Scriban AST: parsed now, or on first use for a template read from the partial parse cache or released
    /// after its parse (<see cref="Released"/>; released again once its render is stored).</summary>
    public ScriptPage? Ast => _deferred is { } deferred ? deferred.Get() : Page;

    public bool IsValid => Page is not null || Jinja is not null || _deferred is not null;

    /// <summary>A template known (from the cache) to parse without any diagnostic, whose AST is parsed when first needed.</summary>
    public static ParsedTemplate Deferred(string file, string text, IReadOnlyList<RefCall> refs, IReadOnlyList<SourceCall> sources, IReadOnlyList<ConfigCall> configs, IReadOnlyList<string> calledNames)
        => new(file, text, null, refs, sources, configs, calledNames)
        {
            Pure = true,
            _deferred = new DeferredAst(text, file),
        };

    /// <summary>The same template without its AST, parsed again when first rendered (for a template that parsed cleanly:
    /// holding thousands of ASTs from parse to render cost the garbage collector more than parsing them twice).</summary>
    internal ParsedTemplate Released() => Page is null ? this : this with { Page = null, _deferred = new DeferredAst(Text, File) };

    /// <summary>Drops the AST of a releasable template (a 10,000-model compile holds no AST it no longer needs); it is
    /// parsed again if something renders the template after.</summary>
    internal void ReleaseAst() => _deferred?.Release();

    private sealed class DeferredAst(string text, string file)
    {
        private readonly Lock _gate = new();
        private ScriptPage? _page;

        public ScriptPage Get()
        {
            lock (_gate)
            {
                return _page ??= TemplateParser.ParseAst(text, file);
            }
        }

        public void Release()
        {
            lock (_gate)
            {
                _page = null;
            }
        }
    }
}
