using System.Text.RegularExpressions;
using Ngdbt.Delivery.Tests.Support;

namespace Ngdbt.Delivery.Tests;

/// <summary>Skips when NGDBT_SKIP_FRESH_CLONE=1, when the tree is not a git checkout, or while README.md does not exist yet.</summary>
public sealed class FreshCloneFactAttribute : FactAttribute
{
    public FreshCloneFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("NGDBT_SKIP_FRESH_CLONE") == "1")
        {
            Skip = "NGDBT_SKIP_FRESH_CLONE=1";
        }
        else if (!Directory.Exists(Repo.PathOf(".git")) && !File.Exists(Repo.PathOf(".git")))
        {
            Skip = "not a git checkout";
        }
        else if (!File.Exists(Repo.PathOf("README.md")))
        {
            Skip = "README.md is not written yet";
        }
    }
}

/// <summary>
/// The README's quick start, checked against a fresh clone of the committed tree (so an uncommitted or git-ignored file
/// that the commands need is caught). The commands themselves are not run here: the run command over 1.5M generated rows
/// takes minutes, and the test command is `dotnet test NeoGlobal.sln`, which would run this very test again. CI runs both
/// (.ci/run runs the test command; the ci workflow runs the same verbs on small data); this test makes sure they are the
/// commands CI runs, that everything they name is in the clone, and that the solution holds every project under src/.
/// </summary>
public sealed partial class QuickStartTests
{
    [FreshCloneFact]
    [Trait("Category", "Slow")]
    public void Readme_quick_start_commands_are_the_ones_ci_runs_and_work_on_a_fresh_clone()
    {
        var commands = QuickStartCommands(Repo.Read("README.md"));
        Assert.True(commands.Count >= 2, $"expected two `dotnet ...` commands in the README's quick start, found: {string.Join(" | ", commands)}");
        var test = Assert.Single(commands, c => c.StartsWith("dotnet test ", StringComparison.Ordinal));
        var runs = commands.Where(c => c.StartsWith("dotnet run ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(runs);

        // The test command is exactly what CI runs.
        Assert.Contains("NeoGlobal.sln", test, StringComparison.Ordinal);
        Assert.Contains(Repo.Read(".ci/run").Split('\n'), l => l.Trim().StartsWith(test, StringComparison.Ordinal));

        // The run commands name a project under src/; through the ngdbt CLI directly, a verb the ci workflow exercises.
        foreach (var run in runs)
        {
            var project = Assert.Single(PathArgument().Matches(run), m => m.Value.StartsWith("--project", StringComparison.Ordinal)).Groups["p"].Value;
            Assert.StartsWith("src/", project, StringComparison.Ordinal);
            if (project.TrimEnd('/') == "src/ngdbt")
            {
                Assert.Matches(@"\s--\s+(generate|build|run|seed|test|docs)\b", run);
            }
        }

        // The ci workflow runs each README run command (on small data): the quick start cannot rot unnoticed.
        var workflow = Repo.Read(".github/workflows/ci.yml");
        foreach (var run in runs)
        {
            var project = PathArgument().Matches(run).First(m => m.Value.StartsWith("--project", StringComparison.Ordinal)).Groups["p"].Value;
            Assert.Contains("--project " + project, workflow, StringComparison.Ordinal);
        }

        var clone = Repo.TempDir("clone");
        try
        {
            var git = Proc.Run("git", ["clone", "--quiet", Repo.Root, clone], Path.GetTempPath(), timeout: TimeSpan.FromMinutes(3));
            Assert.True(git.Exit == 0, git.ToString());

            // Everything the commands name is committed.
            foreach (var path in commands.SelectMany(PathsNamed).Distinct())
            {
                Assert.True(File.Exists(Path.Combine(clone, path)) || Directory.Exists(Path.Combine(clone, path)), $"the quick start names {path}, which a fresh clone does not have");
            }

            foreach (var path in new[] { "NeoGlobal.sln", "global.json", "Directory.Packages.props", "project.yml", "profiles.yml", "docs-site/package-lock.json", ".ci/run" })
            {
                Assert.True(File.Exists(Path.Combine(clone, path)), $"a fresh clone has no {path}");
            }

            // `dotnet test NeoGlobal.sln` runs every test project: none under src/ is missing from the solution.
            var list = Proc.Run("dotnet", ["sln", Path.Combine(clone, "NeoGlobal.sln"), "list"], clone, timeout: TimeSpan.FromMinutes(1));
            Assert.True(list.Exit == 0, list.ToString());
            foreach (var run in runs)
            {
                var project = PathArgument().Matches(run).First(m => m.Value.StartsWith("--project", StringComparison.Ordinal)).Groups["p"].Value.TrimEnd('/');
                Assert.True(Directory.GetFiles(Path.Combine(clone, project), "*.csproj").Length == 1, $"{project} in a fresh clone has no single .csproj");
            }

            var inSolution = list.Output.Split('\n').Select(l => l.Trim().Replace('\\', '/')).Where(l => l.EndsWith(".csproj", StringComparison.Ordinal)).ToHashSet();
            var onDisk = Directory.GetFiles(Path.Combine(clone, "src"), "*.csproj", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(clone, p).Replace('\\', '/'));
            Assert.All(onDisk, p => Assert.Contains(p, inSolution));
        }
        finally
        {
            Repo.DeleteQuietly(clone);
        }
    }

    [Fact]
    public void Finds_commands_in_the_first_fenced_block_after_a_quick_start_heading()
    {
        const string readme = "# X\n\n```bash\ndotnet nope\n```\n\n## Quick start (two commands)\n\nText.\n\n```bash\n# data + build\n$ dotnet run -c Release --project src/ngdbt -- build\ndotnet test NeoGlobal.sln -c Release\n```\n\n```\ndotnet later\n```\n";
        Assert.Equal(["dotnet run -c Release --project src/ngdbt -- build", "dotnet test NeoGlobal.sln -c Release"], QuickStartCommands(readme));
        Assert.Equal(["src/ngdbt", "NeoGlobal.sln"], QuickStartCommands(readme).SelectMany(PathsNamed));
    }

    /// <summary>`dotnet ...` lines (a leading `$ ` is dropped; `a && b` gives two) of the first fenced block after the
    /// first heading that contains "Quick start".</summary>
    internal static List<string> QuickStartCommands(string readme)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith('#') && l.Contains("quick start", StringComparison.OrdinalIgnoreCase));
        Assert.True(heading >= 0, "README.md has no heading containing \"Quick start\"");
        var open = Array.FindIndex(lines, heading + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        Assert.True(open >= 0, "no fenced block after the Quick start heading");
        var close = Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        Assert.True(close > open, "unclosed fenced block after the Quick start heading");
        return lines[(open + 1)..close]
            .Select(l => l.Trim())
            .Select(l => l.StartsWith("$ ", StringComparison.Ordinal) ? l[2..] : l)
            .SelectMany(l => l.Split("&&", StringSplitOptions.TrimEntries))
            .Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Repository paths a command names: `--project X` and solution or project files.</summary>
    internal static IEnumerable<string> PathsNamed(string command)
        => PathArgument().Matches(command).Select(m => m.Groups["p"].Value.TrimEnd('/'));

    [GeneratedRegex(@"(?:--project\s+(?<p>\S+))|(?<p>\S+\.(?:sln|slnx|csproj))\b")]
    private static partial Regex PathArgument();
}
