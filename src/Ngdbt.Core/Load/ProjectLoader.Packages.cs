using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

/// <summary>dbt packages (packages.yml / dependencies.yml): the macros and generic tests of `local:` packages, and of
/// hub/git packages already installed in dbt_packages/ (by `dbt deps`), load under their package's name, so
/// `pkg.macro()` and dispatch to `pkg` resolve. ngdbt has no `deps` verb yet: a package that is not installed is an
/// error naming it, never a silently missing macro.</summary>
public static partial class ProjectLoader
{
    private static List<ProjectFile> PackageMacros(string root, DiagnosticBag diagnostics)
    {
        var files = new List<ProjectFile>();
        foreach (var listName in new[] { "packages.yml", "dependencies.yml" })
        {
            var listPath = Path.Combine(root, listName);
            if (!File.Exists(listPath) || Yaml.ParseMapping(File.ReadAllText(listPath), listName, diagnostics) is not { } map)
            {
                continue;
            }

            foreach (var entry in (map.Get("packages") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
            {
                var span = Yaml.Span(entry, listName);
                string? dir;
                string what;
                if (entry.GetString("local") is { } local)
                {
                    dir = Path.GetFullPath(Path.Combine(root, local));
                    what = $"local package '{local}'";
                }
                else
                {
                    var spec = entry.GetString("package") ?? entry.GetString("git") ?? entry.GetString("tarball") ?? "?";
                    var name = spec.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Replace(".git", string.Empty, StringComparison.Ordinal) ?? spec;
                    dir = Directory.Exists(Path.Combine(root, "dbt_packages")) ? Directory.EnumerateDirectories(Path.Combine(root, "dbt_packages")).FirstOrDefault(d => PackageName(d) == name || Path.GetFileName(d) == name) : null;
                    what = $"package '{spec}'";
                }

                if (dir is null || !Directory.Exists(dir) || PackageName(dir) is not { } packageName)
                {
                    diagnostics.Error(DiagnosticCodes.PackageMissing, span, $"{what} from {listName} is not installed (no dbt_project.yml at {dir ?? "dbt_packages/<name>"}); ngdbt has no `deps` verb yet: install it with `dbt deps`, or vendor it and list it as `local:`");
                    continue;
                }

                var macros = Path.Combine(dir, "macros");
                foreach (var path in Directory.Exists(macros) ? Directory.EnumerateFiles(macros, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
                {
                    var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
                    files.Add(new ProjectFile(ProjectFileKind.Macro, rel, Path.GetRelativePath(macros, path).Replace('\\', '/'), path, File.ReadAllText(path), packageName));
                }
            }
        }

        return files;
    }

    private static string? PackageName(string dir)
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
