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

/// <summary>The result of parsing one SQL template: the rewritten AST plus what static analysis found in it.</summary>
public sealed record ParsedTemplate(
    string File,
    string Text,
    ScriptPage? Page,
    IReadOnlyList<RefCall> Refs,
    IReadOnlyList<SourceCall> Sources,
    IReadOnlyList<ConfigCall> Configs,
    IReadOnlyList<string> CalledNames)
{
    /// <summary>The template parsed as Jinja (dbt's dialect) instead of Scriban; <see cref="Page"/> is then null.</summary>
    public Jinja.JinjaTemplate? Jinja { get; init; }

    /// <summary>The file is a dbt `{% snapshot name %}` block (its body is the template): the name and the block's place.</summary>
    public SnapshotBlock? Snapshot { get; init; }

    public bool IsValid => Page is not null || Jinja is not null;
}
