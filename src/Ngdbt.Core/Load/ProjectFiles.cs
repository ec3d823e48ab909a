namespace Ngdbt.Load;

public enum ProjectFileKind
{
    Model,
    Schema,
    Seed,
    Test,
    Macro,
    Snapshot,

    /// <summary>Markdown with `{% docs %}` blocks (dbt projects).</summary>
    Docs,

    /// <summary>A `.py` model (dbt Python models): an error unless disabled.</summary>
    PythonModel,
}

/// <summary>A file of the project, read once. <see cref="Path"/> is relative to the project root with forward slashes;
/// <see cref="PathInResourceDir"/> is relative to the models/seeds/... folder it was found in. <see cref="Package"/> is
/// null for the project's own files and names the package of a macro file shipped with ngdbt or an adapter (those lose
/// to a project macro of the same name).</summary>
public sealed record ProjectFile(ProjectFileKind Kind, string Path, string PathInResourceDir, string FullPath, string Text, string? Package = null);

public sealed record LoadedProject(
    string Root,
    ProjectConfig Config,
    TargetConfig Target,
    IReadOnlyDictionary<string, object?> Vars,
    IReadOnlyList<ProjectFile> Files)
{
    /// <summary>Model configs of the registered adapters (accepted besides <see cref="ConfigKeys.All"/>).</summary>
    public IReadOnlySet<string> AdapterConfigKeys { get; init; } = new HashSet<string>();

    /// <summary>The registered adapter types: a config named by one (`citus: {distributed_by: id}`) holds configs for that
    /// adapter only, applied on its targets and without effect (or warning) on others.</summary>
    public IReadOnlySet<string> AdapterTypes { get; init; } = new HashSet<string>();

    /// <summary>The model configs the target's own adapter acts on (a subset of <see cref="AdapterConfigKeys"/>).</summary>
    public IReadOnlySet<string> TargetConfigKeys { get; init; } = new HashSet<string>();

    /// <summary>The text of project.yml (or dbt_project.yml) as the load read it (the compile memo keys on it).</summary>
    public string ConfigText { get; init; } = string.Empty;

    public IEnumerable<ProjectFile> FilesOf(ProjectFileKind kind) => Files.Where(f => f.Kind == kind);

    public string TargetDir => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, Config.TargetPath));
}

public sealed record LoadOptions(
    string ProjectDir,
    string? ProfilesDir = null,
    string? Target = null,
    string? VarsYaml = null,
    int? Threads = null,
    IReadOnlyDictionary<string, string?>? Environment = null,
    Adapters.AdapterRegistry? Adapters = null);

public sealed record LoadResult(LoadedProject? Project, IReadOnlyList<Ngdbt.Diagnostics.Diagnostic> Diagnostics)
{
    public bool Success => Project is not null && !Diagnostics.Any(d => d.IsError);
}
