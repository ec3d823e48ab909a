using Ngdbt.Delivery.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Ngdbt.Delivery.Tests;

/// <summary>The GitHub Actions workflows: valid YAML, triggers, job names, and the steps that matter.</summary>
public sealed class WorkflowTests
{
    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow, string job)
        => Assert.IsType<YamlSequenceNode>(workflow.Map("jobs").Map(job).Get("steps")).Children.Cast<YamlMappingNode>();

    private static List<string> Runs(YamlMappingNode workflow, string job)
        => Steps(workflow, job).Select(s => s.Get("run").Strings().FirstOrDefault()).OfType<string>().ToList();

    private static YamlMappingNode Uses(YamlMappingNode workflow, string job, string action)
        => Steps(workflow, job).SingleOrDefault(s => s.Get("uses").Strings().FirstOrDefault()?.StartsWith(action + "@", StringComparison.Ordinal) == true)
           ?? throw new Xunit.Sdk.XunitException($"job '{job}' does not use {action}");

    [Fact]
    public void Every_workflow_is_valid_yaml_with_a_name_triggers_and_jobs()
    {
        var files = Directory.GetFiles(Repo.PathOf(".github/workflows"), "*.yml");
        Assert.Contains(files, f => Path.GetFileName(f) == "ci.yml");
        Assert.Contains(files, f => Path.GetFileName(f) == "pages.yml");
        foreach (var file in files)
        {
            var workflow = Repo.Yaml(Path.GetRelativePath(Repo.Root, file));
            Assert.NotNull(workflow.Get("name"));
            Assert.NotNull(workflow.Get("on"));
            Assert.NotEmpty(workflow.Map("jobs").Children);
            foreach (var job in workflow.Map("jobs").Children.Values.Cast<YamlMappingNode>())
            {
                Assert.NotNull(job.Get("runs-on"));
                var steps = Assert.IsType<YamlSequenceNode>(job.Get("steps"));
                Assert.All(steps.Children.Cast<YamlMappingNode>(), s => Assert.True(s.Get("uses") is not null || s.Get("run") is not null, $"{file}: a step with neither uses nor run"));
            }
        }
    }

    [Fact]
    public void Ci_runs_on_push_and_pull_request_and_runs_the_test_suite()
    {
        var ci = Repo.Yaml(".github/workflows/ci.yml");
        Assert.Equal("ci", ci.Get("name").Strings().Single());
        Assert.Equal(["pull_request", "push"], ci.Map("on").Keys().Order(StringComparer.Ordinal));
        Assert.Equal(["build-and-test"], ci.Map("jobs").Keys());

        Assert.StartsWith("10.", Uses(ci, "build-and-test", "actions/setup-dotnet").Map("with").Get("dotnet-version").Strings().Single(), StringComparison.Ordinal);
        var cache = Uses(ci, "build-and-test", "actions/cache").Map("with");
        Assert.Equal("~/.nuget/packages", cache.Get("path").Strings().Single());
        var key = cache.Get("key").Strings().Single();
        Assert.Contains("hashFiles('Directory.Packages.props', '**/*.csproj')", key, StringComparison.Ordinal);

        var runs = Runs(ci, "build-and-test");
        int Index(string fragment)
        {
            var i = runs.FindIndex(r => r.Contains(fragment, StringComparison.Ordinal));
            Assert.True(i >= 0, $"ci.yml runs nothing containing '{fragment}':\n{string.Join('\n', runs)}");
            return i;
        }

        var order = new[]
        {
            Index("dotnet restore"), Index("dotnet build"), Index("dotnet test NeoGlobal.sln -c Release"),
            Index("--project src/NeoGlobal.Cli -- generate --rows 20000"), Index("--project src/ngdbt -- build"), Index("--project src/ngdbt -- docs generate"),
        };
        Assert.Equal(order.Order(), order);

        // The framework CLI has no generate verb: a workflow still asking it for one would fail on CI, not here.
        Assert.DoesNotContain(runs, r => r.Contains("--project src/ngdbt -- generate", StringComparison.Ordinal));

        var upload = Steps(ci, "build-and-test").Where(s => s.Get("uses").Strings().FirstOrDefault()?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Contains(upload, s => s.Map("with").Get("path").Strings().Single() == "target/docs-site");
    }

    [Fact]
    public void Pages_builds_the_site_on_push_to_main_and_deploys_it()
    {
        var pages = Repo.Yaml(".github/workflows/pages.yml");
        Assert.Equal(["main"], pages.Map("on").Map("push").Get("branches").Strings());
        var permissions = pages.Map("permissions");
        Assert.Equal("write", permissions.Get("pages").Strings().Single());
        Assert.Equal("write", permissions.Get("id-token").Strings().Single());
        Assert.Equal(["build", "deploy"], pages.Map("jobs").Keys());

        var runs = Runs(pages, "build");
        Assert.Contains(runs, r => r.Contains("--project src/NeoGlobal.Cli -- generate --rows", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("-- docs generate", StringComparison.Ordinal));
        Assert.Equal("target/docs-site", Uses(pages, "build", "actions/upload-pages-artifact").Map("with").Get("path").Strings().Single());

        var deploy = pages.Map("jobs").Map("deploy");
        Assert.Equal("build", deploy.Get("needs").Strings().Single());
        Assert.Equal("github-pages", deploy.Map("environment").Get("name").Strings().Single());
        Uses(pages, "deploy", "actions/deploy-pages");
    }
}
