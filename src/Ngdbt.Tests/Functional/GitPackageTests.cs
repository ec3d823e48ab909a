using System.Diagnostics;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt deps` installs `git:` packages with the system git, from a bare repository the test creates
/// (`git init --bare`, a file:// URL): the default branch, a `revision` (tag or commit), a `subdirectory`; a clone that
/// fails is a positioned NG0121 error, and credentials in a URL never reach the output.</summary>
public sealed class GitPackageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ngdbt-git-tests", Guid.NewGuid().ToString("N")[..12]);

    public GitPackageTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static Dictionary<string, string> Project(string packages) => new()
    {
        ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
        ["packages.yml"] = packages,
        ["models/m.sql"] = "select {{ widgets.version() }} as v\n",
    };

    [Fact]
    public void Deps_clones_the_default_branch_and_the_project_builds_with_its_macros()
    {
        var (url, _) = Repository(prefix: string.Empty);
        using var p = new TestProject(Project($"packages:\n  - git: \"{url}\"\n"));
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains($"widgets ({url}): cloned into dbt_packages/widgets", output, StringComparison.Ordinal);
        Assert.Equal("1", Git(Path.Combine(p.Root, "dbt_packages/widgets"), "rev-list", "--count", "HEAD").Trim());
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(2, Convert.ToInt32(p.Scalar("select v from main.m"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("tag")]
    [InlineData("commit")]
    public void Deps_honours_a_revision(string kind)
    {
        var (url, first) = Repository(prefix: string.Empty);
        var revision = kind == "tag" ? "v1" : first;
        using var p = new TestProject(Project($"packages:\n  - git: \"{url}\"\n    revision: \"{revision}\"\n"));
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains($"cloned at {revision} into dbt_packages/widgets", output, StringComparison.Ordinal);
        Assert.Contains("{{ 1 }}", p.Read("dbt_packages/widgets/macros/version.sql"), StringComparison.Ordinal);
        Assert.True(p.Run("build").Exit == 0);
        Assert.Equal(1, Convert.ToInt32(p.Scalar("select v from main.m"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Deps_takes_the_package_from_its_subdirectory()
    {
        var (url, _) = Repository(prefix: "dbt/widgets/");
        using var p = new TestProject(Project($"packages:\n  - git: \"{url}\"\n    subdirectory: dbt/widgets\n"));
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains("cloned (dbt/widgets) into dbt_packages/widgets", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(p.Root, "dbt_packages/widgets/dbt_project.yml")));
        Assert.False(Directory.Exists(Path.Combine(p.Root, "dbt_packages/widgets/dbt")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(p.Root, "dbt_packages"), ".ngdbt-git-*"));
    }

    [Fact]
    public void A_clone_that_fails_is_a_positioned_error_and_a_bad_revision_is_named()
    {
        var missing = new Uri(Path.Combine(_dir, "missing.git")).AbsoluteUri;
        using var p = new TestProject(Project($"packages:\n  - git: \"{missing}\"\n"));
        var (exit, output) = p.Run("deps");
        Assert.Equal(2, exit);
        Assert.Contains($"packages.yml(2,5): error NG0121: git package '{missing}' from packages.yml could not be installed: ", output, StringComparison.Ordinal);

        var (url, _) = Repository(prefix: string.Empty);
        p.Write("packages.yml", $"packages:\n  - git: \"{url}\"\n    revision: no-such-revision\n");
        (exit, output) = p.Run("deps");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0121: git package", output, StringComparison.Ordinal);
        Assert.Contains("revision 'no-such-revision' is not a branch, tag or commit of the repository", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_in_a_git_url_are_masked_in_every_message()
    {
        using var p = new TestProject(Project("packages:\n  - git: \"https://deploy:s3cr3t-t0ken@127.0.0.1:1/acme/widgets.git\"\n"));
        var (exit, output) = p.Run("deps");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0121: git package 'https://****@127.0.0.1:1/acme/widgets.git'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy:", output, StringComparison.Ordinal);
        (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0071: package 'https://****@127.0.0.1:1/acme/widgets.git'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", output, StringComparison.Ordinal);
    }

    /// <summary>A bare repository with two commits: v1 (tagged, macro version() = 1) and then version() = 2 on main.
    /// Returns its file:// URL and the first commit's id.</summary>
    private (string Url, string FirstCommit) Repository(string prefix)
    {
        var bare = Path.Combine(_dir, "widgets.git");
        var work = Path.Combine(_dir, "work");
        if (Directory.Exists(bare))
        {
            return (new Uri(bare).AbsoluteUri, Git(work, "rev-list", "--max-parents=0", "HEAD").Trim());
        }

        Git(_dir, "init", "--quiet", "--bare", "--initial-branch=main", bare);
        Git(_dir, "init", "--quiet", "--initial-branch=main", work);
        Write(work, prefix + "dbt_project.yml", "name: widgets\nconfig-version: 2\n");
        Write(work, prefix + "macros/version.sql", "{% macro version() %}{{ 1 }}{% endmacro %}\n");
        Git(work, "add", ".");
        Git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "v1");
        Git(work, "tag", "v1");
        var first = Git(work, "rev-parse", "HEAD").Trim();
        Write(work, prefix + "macros/version.sql", "{% macro version() %}{{ 2 }}{% endmacro %}\n");
        Git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-am", "v2");
        Git(work, "push", "--quiet", "--tags", bare, "main");
        return (new Uri(bare).AbsoluteUri, first);
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {stderr.Result}");
        return stdout.Result;
    }
}
