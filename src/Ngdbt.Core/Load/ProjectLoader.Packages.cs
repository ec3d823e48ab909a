using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

/// <summary>One entry of packages.yml / dependencies.yml: a `local:` path, or a hub/git/tarball spec and the folder name
/// it installs under in dbt_packages/.</summary>
public sealed record PackageEntry(string ListName, SourceSpan Span, string? Local, string Spec, string Name)
{
    /// <summary>A `git:` package's URL as written (it may hold credentials: print <see cref="Spec"/>, which is masked).</summary>
    public string? Git { get; init; }

    /// <summary>`revision:` of a git package (a branch, tag or commit).</summary>
    public string? Revision { get; init; }

    /// <summary>`subdirectory:` of a git package: where in the repository the package's dbt_project.yml is.</summary>
    public string? Subdirectory { get; init; }
}

/// <summary>dbt packages (packages.yml / dependencies.yml): the macros and generic tests of `local:` packages, and of
/// hub/git packages already installed in dbt_packages/ (by `dbt deps`), load under their package's name, so
/// `pkg.macro()` and dispatch to `pkg` resolve. `ngdbt deps` installs only `local:` packages: a package that is not
/// installed is an error naming it, never a silently missing macro.</summary>
public static partial class ProjectLoader
{
    public const string PackagesDir = "dbt_packages";

    /// <summary>The entries of packages.yml and dependencies.yml, in file order (a file's syntax errors are reported).</summary>
    public static List<PackageEntry> ReadPackageLists(string root, DiagnosticBag diagnostics)
    {
        var entries = new List<PackageEntry>();
        foreach (var listName in new[] { "packages.yml", "dependencies.yml" })
        {
            var listPath = Path.Combine(root, listName);
            if (!File.Exists(listPath) || Yaml.ParseMapping(File.ReadAllText(listPath), listName, diagnostics) is not { } map)
            {
                continue;
            }

            foreach (var entry in (map.Get("packages") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
            {
                var local = entry.GetString("local");
                var git = local is null ? entry.GetString("git") : null;
                var spec = Packages.UrlMask.Mask(local ?? entry.GetString("package") ?? git ?? entry.GetString("tarball") ?? "?");
                var name = spec.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Replace(".git", string.Empty, StringComparison.Ordinal) ?? spec;
                entries.Add(new PackageEntry(listName, Yaml.Span(entry, listName), local, spec, name)
                {
                    Git = git,
                    Revision = git is null ? null : entry.GetString("revision"),
                    Subdirectory = git is null ? null : entry.GetString("subdirectory"),
                });
            }
        }

        return entries;
    }

    private static List<ProjectFile> PackageMacros(string root, DiagnosticBag diagnostics)
    {
        var files = new List<ProjectFile>();
        foreach (var entry in ReadPackageLists(root, diagnostics))
        {
            string? dir;
            string what;
            if (entry.Local is { } local)
            {
                dir = Path.GetFullPath(Path.Combine(root, local));
                what = $"local package '{local}'";
            }
            else
            {
                dir = InstalledPackageDir(root, entry.Name);
                what = $"package '{entry.Spec}'";
            }

            if ((dir is null || PackageName(dir) is null) && entry.Local is null && IsDbtUtils(entry))
            {
                diagnostics.Warning(DiagnosticCodes.ShippedDbtUtilsUsed, entry.Span, ShippedDbtUtilsMessage(entry));
                continue;
            }

            if (dir is null || !Directory.Exists(dir) || PackageName(dir) is not { } packageName)
            {
                diagnostics.Error(DiagnosticCodes.PackageMissing, entry.Span, $"{what} from {entry.ListName} is not installed (no dbt_project.yml at {dir ?? PackagesDir + "/<name>"}); {(entry.Git is null ? "`ngdbt deps` installs `local:` and `git:` packages, not hub packages: install it with `dbt deps`, or vendor it and list it as `local:`" : "run `ngdbt deps` to clone it")}");
                continue;
            }

            var macros = Path.Combine(dir, "macros");
            foreach (var path in Directory.Exists(macros) ? Directory.EnumerateFiles(macros, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
                files.Add(new ProjectFile(ProjectFileKind.Macro, rel, Path.GetRelativePath(macros, path).Replace('\\', '/'), path, File.ReadAllText(path), packageName));
            }
        }

        return files;
    }

    /// <summary>The folder of dbt_packages/ holding the package `name` (by its dbt_project.yml name or folder name).</summary>
    public static string? InstalledPackageDir(string root, string name)
    {
        var installed = Path.Combine(root, PackagesDir);
        return Directory.Exists(installed)
            ? Directory.EnumerateDirectories(installed).Order(StringComparer.Ordinal).FirstOrDefault(d => PackageName(d) == name || Path.GetFileName(d) == name)
            : null;
    }

    /// <summary>The `name:` of the dbt_project.yml in <paramref name="dir"/>, or null when there is none.</summary>
    public static string? PackageName(string dir)
    {
        var file = Path.Combine(dir, DbtProjectFileName);
        if (!File.Exists(file))
        {
            return null;
        }

        var map = Yaml.ParseMapping(File.ReadAllText(file), file, new DiagnosticBag());
        return map?.GetString("name");
    }
}
