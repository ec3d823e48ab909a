using System.Text.RegularExpressions;
using Ngdbt.Delivery.Tests.Support;

namespace Ngdbt.Delivery.Tests;

/// <summary>.env.example, .gitignore, .dockerignore and the Dockerfile: no secrets, no data or builds in git or the image.</summary>
public sealed partial class HygieneTests
{
    private static Dictionary<string, string> EnvExample()
        => Repo.Read(".env.example").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv.Length > 1 ? kv[1].Trim() : string.Empty);

    [Fact]
    public void Env_example_has_both_data_paths_and_only_obviously_fake_credentials()
    {
        var env = EnvExample();
        Assert.Equal("./data", env["DATA_PATH_RAW"]);
        Assert.Equal("./warehouse", env["DATA_PATH_WAREHOUSE"]);
        Assert.StartsWith("sk_test_FAKE_", env["STRIPE_API_KEY"], StringComparison.Ordinal);
        Assert.StartsWith("FAKE", env["NETSUITE_TOKEN"], StringComparison.Ordinal);

        var secrets = env.Where(kv => SecretName().IsMatch(kv.Key)).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, kv => Assert.Contains("FAKE", kv.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("sk_live_", Repo.Read(".env.example"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_variable_docker_compose_reads_is_documented_in_env_example()
    {
        var used = ComposeVariable().Matches(Repo.Read("docker-compose.yml")).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("DATA_PATH_RAW", used);
        Assert.Contains("DATA_PATH_WAREHOUSE", used);
        Assert.Subset(EnvExample().Keys.ToHashSet(), used);
    }

    [Theory]
    [InlineData(".env")]
    [InlineData("data/raw/stripe_charges/part-0000.parquet")]
    [InlineData("warehouse/neoglobal.duckdb")]
    [InlineData("target/docs-site/index.html")]
    public void Gitignore_keeps_secrets_data_and_build_output_out_of_git(string path)
    {
        var check = Proc.Run("git", ["check-ignore", "--no-index", "-q", path], Repo.Root);
        Assert.True(check.Exit == 0, $"{path} is not ignored by .gitignore ({check})");
    }

    [Fact]
    public void Env_example_itself_is_not_ignored_and_no_env_file_is_tracked()
    {
        Assert.Equal(1, Proc.Run("git", ["check-ignore", "--no-index", "-q", ".env.example"], Repo.Root).Exit);
        Assert.Equal(string.Empty, Proc.Run("git", ["ls-files", "--", ".env"], Repo.Root).Output.Trim());
    }

    [Fact]
    public void Dockerfile_publishes_ngdbt_and_the_neoglobal_host_on_the_sdk_and_runs_them_on_the_aspnet_runtime()
    {
        var lines = Repo.Read("Dockerfile").Split('\n');
        var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(from.Count >= 2, "multi-stage build expected");
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", from[^2], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", from[^1], StringComparison.Ordinal);
        Assert.Contains("ARG DOTNET_VERSION=10.0", lines);

        var text = string.Join('\n', lines).Replace("\\\n", " ", StringComparison.Ordinal);
        var publish = text.Split('\n').Single(l => l.Contains("dotnet publish", StringComparison.Ordinal));
        // Both into one folder (they share every assembly but their own), the framework CLI last so its settings win.
        var host = publish.IndexOf("src/NeoGlobal.Cli/NeoGlobal.Cli.csproj", StringComparison.Ordinal);
        var framework = publish.IndexOf("src/ngdbt/ngdbt.csproj", StringComparison.Ordinal);
        Assert.True(host >= 0 && framework > host, $"expected NeoGlobal.Cli then ngdbt published: {publish}");
        Assert.Contains("-o /out/ngdbt", publish, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), l => l.StartsWith("RUN ln -s", StringComparison.Ordinal) && l.Contains("/usr/local/bin/ngdbt", StringComparison.Ordinal) && l.Contains("/opt/ngdbt/neoglobal /usr/local/bin/neoglobal", StringComparison.Ordinal));
        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), l => l.StartsWith("RUN apt-get update", StringComparison.Ordinal) && l.Contains("nodejs npm", StringComparison.Ordinal));
        Assert.Contains("WORKDIR /app", lines);
        Assert.Equal("ENTRYPOINT [\"ngdbt\"]", lines.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));

        // Every file the Dockerfile copies from the build context exists.
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts.SkipLast(1).Where(s => s != "."))
            {
                Assert.True(File.Exists(Repo.PathOf(source)) || Directory.Exists(Repo.PathOf(source)), $"Dockerfile copies {source}, which is not in the repository");
            }
        }
    }

    [Fact]
    public void Dockerignore_keeps_host_builds_data_and_secrets_out_of_the_image()
    {
        var entries = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        Assert.Subset(entries, new HashSet<string> { ".git", "**/bin/", "**/obj/", "**/node_modules/", "data/", "warehouse/", "target/", ".env", "**/*.duckdb" });
    }

    [GeneratedRegex("(KEY|TOKEN|SECRET|PASSWORD)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex ComposeVariable();
}
