using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

/// <summary>project.yml, resolved: paths are relative to the project root.</summary>
public sealed record ProjectConfig(
    string Name,
    string Version,
    string ProfileName,
    IReadOnlyList<string> ModelPaths,
    IReadOnlyList<string> SeedPaths,
    IReadOnlyList<string> TestPaths,
    IReadOnlyList<string> MacroPaths,
    IReadOnlyList<string> SnapshotPaths,
    string TargetPath,
    IReadOnlyDictionary<string, object?> Vars,
    FolderConfigTree Models,
    FolderConfigTree Seeds,
    FolderConfigTree Tests,
    IReadOnlyList<MoneyGuardRule> MoneyGuard,
    IReadOnlyList<string> OnRunEnd,
    string File)
{
    /// <summary>SQL run once before the nodes of `run`/`build`/... (rendered with vars, target and macros).</summary>
    public IReadOnlyList<string> OnRunStart { get; init; } = [];

    /// <summary>`scriban` (project.yml's default), `jinja` (dbt_project.yml's: every template is dbt's Jinja) or `auto`
    /// (a file with a Jinja statement or comment is Jinja, the others Scriban).</summary>
    public string TemplateLanguage { get; init; } = "scriban";

    /// <summary>True when the project was read from dbt_project.yml.</summary>
    public bool IsDbtProject { get; init; }

    public IReadOnlyList<string> DocsPaths { get; init; } = [];

    /// <summary>dbt_project.yml `dispatch`: macro namespace → search order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dispatch { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsJinja(string text) => TemplateLanguage switch
    {
        "jinja" => true,
        "auto" => Templating.Jinja.JinjaFrontEnd.LooksLikeJinja(text),
        _ => false,
    };
}

/// <summary>A column-name pattern (glob, case-insensitive) that must have exactly the required type in every model's output.</summary>
public sealed record MoneyGuardRule(string Pattern, string RequiredType, SourceSpan Span);

/// <summary>dbt's folder-level config tree (`models: my_project: staging: +materialized: view`), flattened by folder prefix.</summary>
public sealed record FolderConfigTree(IReadOnlyList<FolderConfig> Entries)
{
    public static readonly FolderConfigTree Empty = new([]);

    /// <summary>Configs that apply to a file, outermost folder first, so later entries override earlier ones.</summary>
    public IEnumerable<FolderConfig> For(string relativePathInResourceDir)
    {
        var folder = Path.GetDirectoryName(relativePathInResourceDir.Replace('\\', '/'))?.Replace('\\', '/') ?? string.Empty;
        var fileStem = Path.GetFileNameWithoutExtension(relativePathInResourceDir);
        var full = folder.Length == 0 ? fileStem : folder + "/" + fileStem;
        return Entries
            .Where(e => e.Prefix.Length == 0 || full == e.Prefix || full.StartsWith(e.Prefix + "/", StringComparison.Ordinal))
            .OrderBy(e => e.Prefix.Length);
    }
}

public sealed record FolderConfig(string Prefix, IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, SourceSpan> Spans);
