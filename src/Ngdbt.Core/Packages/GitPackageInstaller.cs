using System.Diagnostics;
using Ngdbt.Diagnostics;
using Ngdbt.Load;

namespace Ngdbt.Packages;

/// <summary>`ngdbt deps` for `git:` packages: runs the system `git` to clone the repository (`--depth 1`, at
/// `revision` when it names a branch or tag; a commit is checked out from a full clone), takes `subdirectory` when given,
/// and puts the package in dbt_packages/&lt;its dbt_project.yml name&gt;, replacing an earlier install. A failure is a
/// positioned NG0121 error; the URL is masked in every message (<see cref="UrlMask"/>).</summary>
internal static class GitPackageInstaller
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static PackageInstallStep? Install(string root, PackageEntry entry, string url, DiagnosticBag diagnostics)
    {
        var packages = Path.Combine(root, ProjectLoader.PackagesDir);
        Directory.CreateDirectory(packages);
        var scratch = Path.Combine(packages, ".ngdbt-git-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            if (Clone(url, entry.Revision, scratch) is { } failure)
            {
                diagnostics.Error(DiagnosticCodes.GitPackageFailed, entry.Span, $"git package '{entry.Spec}' from {entry.ListName} could not be installed: {UrlMask.Mask(failure)}");
                return null;
            }

            var source = entry.Subdirectory is { Length: > 0 } sub ? Path.GetFullPath(Path.Combine(scratch, sub)) : scratch;
            if (!source.StartsWith(scratch, StringComparison.Ordinal) || ProjectLoader.PackageName(source) is not { } name)
            {
                var where = entry.Subdirectory is { Length: > 0 } s ? $"subdirectory '{s}'" : "the repository's top folder";
                diagnostics.Error(DiagnosticCodes.GitPackageFailed, entry.Span, $"git package '{entry.Spec}' from {entry.ListName} has no dbt_project.yml in {where}{(entry.Revision is null ? string.Empty : $" at revision '{entry.Revision}'")}");
                return null;
            }

            var destination = Path.Combine(packages, name);
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination, recursive: true);
            }

            Directory.Move(source, destination);
            var at = entry.Revision is null ? string.Empty : $" at {entry.Revision}";
            var from = entry.Subdirectory is { Length: > 0 } d ? $" ({d})" : string.Empty;
            return new PackageInstallStep(entry.Spec, name, $"cloned{at}{from} into {ProjectLoader.PackagesDir}/{name}");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                ForceDelete(scratch);
            }
        }
    }

    /// <summary>Clones into <paramref name="dir"/>; returns git's error (or why git could not run), null on success.</summary>
    private static string? Clone(string url, string? revision, string dir)
    {
        if (revision is null)
        {
            return Git(null, "clone", "--quiet", "--depth", "1", "--", url, dir);
        }

        // A branch or a tag: one shallow clone. Anything else (a commit): a full clone, then check it out.
        if (Git(null, "clone", "--quiet", "--depth", "1", "--branch", revision, "--", url, dir) is null)
        {
            return null;
        }

        if (Directory.Exists(dir))
        {
            ForceDelete(dir);
        }

        if (Git(null, "clone", "--quiet", "--no-checkout", "--", url, dir) is { } cloneError)
        {
            return cloneError;
        }

        return Git(dir, "-c", "advice.detachedHead=false", "checkout", "--quiet", revision) is { } checkoutError
            ? $"revision '{revision}' is not a branch, tag or commit of the repository: {checkoutError}"
            : null;
    }

    private static string? Git(string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never wait for a password on a terminal: a repository that needs credentials fails instead.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "echo";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"git {args[0]} did not finish within {Timeout.TotalMinutes:0} minutes";
            }

            Task.WaitAll(stderr, stdout);
            return process.ExitCode == 0 ? null : Summary(stderr.Result, process.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"the system git could not be run ({e.Message}); install git or vendor the package and list it as `local:`";
        }
    }

    private static string Summary(string stderr, int exitCode)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal)).Take(2).ToList();
        return errors.Count > 0 ? string.Join("; ", errors) : lines.Length == 0 ? $"git exited with code {exitCode}" : string.Join("; ", lines.TakeLast(3));
    }

    /// <summary>git marks its objects read-only; clear that before deleting the scratch folder.</summary>
    private static void ForceDelete(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(dir, recursive: true);
    }
}
