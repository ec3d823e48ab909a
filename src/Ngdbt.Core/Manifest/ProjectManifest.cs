using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Scriban.Runtime;

namespace Ngdbt.Manifest;

/// <summary>A macro; <see cref="Package"/> is null for the project's own and names ngdbt or an adapter for shipped ones.</summary>
public sealed record MacroInfo(string UniqueId, string Name, string FilePath, string Sql, IReadOnlyList<string> Parameters, SourceSpan Span, string? Package = null);

/// <summary>Stage 3 output: every node of the project, linked (depends_on resolved), plus macros. Immutable.</summary>
public sealed record ProjectManifest(
    LoadedProject Project,
    IReadOnlyDictionary<string, Node> Nodes,
    IReadOnlyDictionary<string, MacroInfo> Macros,
    ScriptObject MacroScope)
{
    public string ProjectName => Project.Config.Name;

    /// <summary>The project's Jinja macros and docs blocks (dbt projects; null when no file is Jinja).</summary>
    public Templating.Jinja.JinjaEnvironment? Jinja { get; init; }

    /// <summary>Exposures, metrics, semantic models and saved queries declared in schema YAML (carried, not evaluated).</summary>
    public IReadOnlyList<Parse.DeclaredResource> Declared { get; init; } = [];

    /// <summary>The exposures, metrics and semantic models of <see cref="Declared"/> with their dependencies resolved,
    /// once, by the manifest stage (artifacts, selectors, ls and the docs read them from here).</summary>
    public IReadOnlyList<DeclaredNode> DeclaredNodes { get; init; } = [];

    /// <summary>The key part shared by every template's partial parse and render (<see cref="Parse.TemplateCacheContext"/>);
    /// null when the caches are off.</summary>
    public string? TemplateContext { get; init; }

    /// <summary>The macros whose render reads nothing but what the caches' keys hold (<see cref="Templating.TemplatePurity"/>);
    /// null when the caches are off.</summary>
    public IReadOnlySet<string>? PureMacros { get; init; }

    /// <summary>`{% docs %}` blocks by name (dbt's manifest `docs`).</summary>
    public IReadOnlyDictionary<string, string> Docs => Jinja?.Docs ?? new Dictionary<string, string>();

    /// <summary>Whether a template text of this project is Jinja (a dbt project, or `template-language: jinja|auto`).</summary>
    public bool IsJinja(string text) => Project.Config.IsJinja(text);

    public IEnumerable<Node> OfType(ResourceType type) => Nodes.Values.Where(n => n.ResourceType == type);

    public Node? FindRelation(string name) => Nodes.Values.FirstOrDefault(n => n.Name == name && n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot);
}

public sealed record ManifestResult(ProjectManifest? Manifest, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Manifest is not null && !Diagnostics.Any(d => d.IsError);
}
