using Ngdbt.Delivery.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Ngdbt.Delivery.Tests;

/// <summary>docker-compose.yml: services, host bind mounts from DATA_PATH_RAW/DATA_PATH_WAREHOUSE, loopback-only ports,
/// and (when docker-compose or `docker compose` is installed) the file validates with `config`, which needs no engine.</summary>
public sealed class ComposeTests
{
    private static readonly YamlMappingNode Compose = Repo.Yaml("docker-compose.yml");

    private static YamlMappingNode Service(string name) => Merged(Compose.Map("services").Map(name));

    /// <summary>A mapping with its YAML merge key (`&lt;&lt;: *anchor`) applied, as Compose does; own keys win.</summary>
    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        if (node.Get("<<") is not YamlMappingNode parent)
        {
            return node;
        }

        var result = new YamlMappingNode();
        foreach (var (k, v) in Merged(parent).Children)
        {
            result.Children[k] = v;
        }

        foreach (var (k, v) in node.Children.Where(kv => kv.Key is not YamlScalarNode { Value: "<<" }))
        {
            result.Children[k] = v;
        }

        return result;
    }

    [Fact]
    public void Has_the_analytics_engine_docs_and_dashboard_services_built_from_the_Dockerfile()
    {
        Assert.Subset(Compose.Map("services").Keys().ToHashSet(), new HashSet<string> { "analytics_engine", "docs", "dashboard" });
        foreach (var name in new[] { "analytics_engine", "docs", "dashboard" })
        {
            var build = Service(name).Map("build");
            Assert.Equal(".", build.Get("context").Strings().Single());
            Assert.Equal("Dockerfile", build.Get("dockerfile").Strings().Single());
        }

        Assert.True(File.Exists(Repo.PathOf("Dockerfile")));
    }

    [Fact]
    public void Analytics_engine_bind_mounts_data_and_warehouse_from_configurable_host_paths()
    {
        var engine = Service("analytics_engine");
        var volumes = engine.Get("volumes").Strings().ToList();
        Assert.Contains("${DATA_PATH_RAW:-./data}:/app/data", volumes);
        Assert.Contains("${DATA_PATH_WAREHOUSE:-./warehouse}:/app/warehouse", volumes);
        Assert.Equal("/app/warehouse/neoglobal.duckdb", engine.Map("environment").Get("NEOGLOBAL_WAREHOUSE").Strings().Single());

        var command = string.Join(' ', engine.Get("command").Strings());
        Assert.Contains("neoglobal generate", command, StringComparison.Ordinal);
        Assert.DoesNotContain("ngdbt generate", command, StringComparison.Ordinal);
        Assert.Contains("ngdbt build", command, StringComparison.Ordinal);
        Assert.Null(engine.Get("ports"));
    }

    [Theory]
    [InlineData("docs", "8080", null, "docs serve")]
    [InlineData("dashboard", "8050", "neoglobal", "serve")]
    public void Servers_publish_only_on_loopback_and_wait_for_the_build(string name, string port, string? entrypoint, string verb)
    {
        var service = Service(name);
        // docs is a framework verb (the image's ngdbt entrypoint); the dashboard is NeoGlobal's, on the neoglobal host.
        string[] expected = entrypoint is null ? [] : [entrypoint];
        Assert.Equal(expected, service.Get("entrypoint").Strings());
        Assert.Equal([$"127.0.0.1:{port}:{port}"], service.Get("ports").Strings());
        var command = string.Join(' ', service.Get("command").Strings());
        Assert.StartsWith(verb + " ", command, StringComparison.Ordinal);
        Assert.Contains($"--port {port}", command, StringComparison.Ordinal);
        var dependsOn = service.Map("depends_on").Map("analytics_engine");
        Assert.Equal("service_completed_successfully", dependsOn.Get("condition").Strings().Single());
    }

    [Fact]
    public void Every_published_port_in_the_file_is_bound_to_127_0_0_1()
    {
        var ports = Compose.Map("services").Children.Values.OfType<YamlMappingNode>().Select(Merged).SelectMany(s => s.Get("ports").Strings()).ToList();
        Assert.NotEmpty(ports);
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Validates_with_docker_compose_config_when_installed()
    {
        string file;
        string[] prefix;
        if (Proc.Which("docker-compose") is { } v1)
        {
            (file, prefix) = (v1, []);
        }
        else if (Proc.Which("docker") is { } docker && Proc.Run(docker, ["compose", "version"], Repo.Root).Exit == 0)
        {
            (file, prefix) = (docker, ["compose"]);
        }
        else
        {
            // Neither is installed: the structural tests above still hold. (.ci/run installs Debian's docker-compose.)
            return;
        }

        var raw = Path.Combine(Path.GetTempPath(), "ngdbt-raw-probe");
        var env = new Dictionary<string, string?> { ["DATA_PATH_RAW"] = raw, ["DATA_PATH_WAREHOUSE"] = null, ["COMPOSE_FILE"] = null };
        var config = Proc.Run(file, [.. prefix, "-f", Repo.PathOf("docker-compose.yml"), "--project-directory", Repo.Root, "config"], Repo.Root, env, TimeSpan.FromMinutes(1));
        Assert.True(config.Exit == 0, config.ToString());
        Assert.Contains(raw, config.Output, StringComparison.Ordinal);
        Assert.Contains("/app/warehouse/neoglobal.duckdb", config.Output, StringComparison.Ordinal);
    }
}
