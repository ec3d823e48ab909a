using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

/// <summary>What `ngdbt deps` did with one package entry.</summary>
public sealed record PackageInstallStep(string Spec, string Name, string Outcome);

/// <summary>`ngdbt deps`: copies each `local:` package of packages.yml / dependencies.yml into dbt_packages/&lt;name&gt;
/// (replacing an earlier copy) and clones each `git:` package with the system git (Packages/GitPackageInstaller). Hub
/// and tarball packages are not downloaded (no hub access): one already in dbt_packages/ (from `dbt deps`) is kept, one
/// that is missing is an error naming it (NG0072), except dbt_utils: ngdbt's own is used (warning NG0073).</summary>
public static class PackageInstaller
{
    /// <summary>Top-level folders of a local package that are build output, not package contents.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ProjectLoader.PackagesDir, "target", "logs", ".git" };

    public static (List<PackageInstallStep> Steps, IReadOnlyList<Diagnostic> Diagnostics) Install(string projectDir)
    {
        var root = Path.GetFullPath(projectDir);
        var diagnostics = new DiagnosticBag();
        var steps = new List<PackageInstallStep>();
        foreach (var entry in ProjectLoader.ReadPackageLists(root, diagnostics))
        {
            if (entry.Local is { } local)
            {
                var source = Path.GetFullPath(Path.Combine(root, local));
                if (ProjectLoader.PackageName(source) is not { } name)
                {
                    diagnostics.Error(DiagnosticCodes.PackageMissing, entry.Span, $"local package '{local}' from {entry.ListName} has no dbt_project.yml at {source}");
                    continue;
                }

                var destination = Path.Combine(root, ProjectLoader.PackagesDir, name);
                if (string.Equals(Path.TrimEndingDirectorySeparator(source), destination, StringComparison.Ordinal))
                {
                    steps.Add(new PackageInstallStep(local, name, "already in place"));
                    continue;
                }

                if (Directory.Exists(destination))
                {
                    Directory.Delete(destination, recursive: true);
                }

                var count = Copy(source, destination, top: true);
                steps.Add(new PackageInstallStep(local, name, $"copied {count} files to {ProjectLoader.PackagesDir}/{name}"));
            }
            else if (entry.Git is { } url)
            {
                if (Packages.GitPackageInstaller.Install(root, entry, url, diagnostics) is { } cloned)
                {
                    steps.Add(cloned);
                }
            }
            else if (ProjectLoader.InstalledPackageDir(root, entry.Name) is { } installed && ProjectLoader.PackageName(installed) is not null)
            {
                steps.Add(new PackageInstallStep(entry.Spec, entry.Name, $"kept {Path.GetRelativePath(root, installed).Replace('\\', '/')} (already installed)"));
            }
            else if (ProjectLoader.IsDbtUtils(entry))
            {
                diagnostics.Warning(DiagnosticCodes.ShippedDbtUtilsUsed, entry.Span, ProjectLoader.ShippedDbtUtilsMessage(entry));
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.PackageNotInstallable, entry.Span, $"package '{entry.Spec}' from {entry.ListName} cannot be installed by `ngdbt deps`, which installs `local:` and `git:` packages and has no access to the dbt package hub (nor tarballs): install it with `dbt deps`, list it as `git:` with its repository, or vendor it and list it as `local:`");
            }
        }

        return (steps, diagnostics.ToSortedList());
    }

    private static int Copy(string source, string destination, bool top)
    {
        Directory.CreateDirectory(destination);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            count++;
        }

        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            if (!(top && Skipped.Contains(Path.GetFileName(dir))))
            {
                count += Copy(dir, Path.Combine(destination, Path.GetFileName(dir)), top: false);
            }
        }

        return count;
    }
}
