using System.Xml.Linq;
using Ngdbt.Delivery.Tests.Support;

namespace Ngdbt.Delivery.Tests;

/// <summary>`ngdbt` ships as a .NET tool: pack it, install it from the package alone (no feed but a local folder), run it.</summary>
public sealed class ToolPackageTests
{
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [Fact]
    [Trait("Category", "Slow")]
    public void Packed_tool_installs_from_a_local_folder_and_builds_a_project()
    {
        var temp = Repo.TempDir("tool");
        try
        {
            var version = ToolVersion();
            var nupkg = Path.Combine(temp, "nupkg");
            var tools = Path.Combine(temp, "tools");

            // 1. Pack the build this test project's build made first (its project reference to ngdbt): a second
            //    build here would write the same obj/ and bin/ folders as the solution's build running beside it.
            //    The configuration is this test assembly's own: the one its build built ngdbt in.
            var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
            var pack = Proc.Run(Dotnet, ["pack", Repo.PathOf("src/ngdbt/ngdbt.csproj"), "-c", configuration, "-o", nupkg, "--no-build"], Repo.Root, timeout: TimeSpan.FromMinutes(8));
            Assert.True(pack.Exit == 0, pack.ToString());
            Assert.True(File.Exists(Path.Combine(nupkg, $"ngdbt.{version}.nupkg")), $"ngdbt.{version}.nupkg not in {nupkg}: {string.Join(", ", Directory.GetFiles(nupkg))}");

            // 2. Install with a nuget.config that knows only the local folder: the tool package must carry its
            //    dependencies (DuckDB's native library included). A private packages folder keeps a stale
            //    ngdbt/<version> in ~/.nuget/packages from being installed instead of the package just built.
            var config = Path.Combine(temp, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{nupkg}" />
                  </packageSources>
                </configuration>
                """);
            var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(temp, "packages") };
            var install = Proc.Run(Dotnet, ["tool", "install", "ngdbt", "--tool-path", tools, "--configfile", config, "--add-source", nupkg, "--version", version, "--ignore-failed-sources"], temp, env, TimeSpan.FromMinutes(4));
            Assert.True(install.Exit == 0, install.ToString());
            var exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "ngdbt.exe" : "ngdbt");
            Assert.True(File.Exists(exe), $"no {exe} after install:\n{install}");

            // 3. The installed command answers --version.
            var versionRun = Proc.Run(exe, ["--version"], temp);
            Assert.True(versionRun.Exit == 0, versionRun.ToString());
            Assert.StartsWith(version, versionRun.Output.Trim(), StringComparison.Ordinal);

            // The framework tool carries no NeoGlobal assembly, and NeoGlobal's verbs are usage errors on it.
            Assert.Empty(Directory.GetFiles(tools, "NeoGlobal.*", SearchOption.AllDirectories));
            var generate = Proc.Run(exe, ["generate"], temp);
            Assert.True(generate.Exit == 2, generate.ToString());
            Assert.Contains("error NG0041: Unrecognized command or argument 'generate'", generate.ToString(), StringComparison.Ordinal);

            // 4. ...and builds a tiny project: seed → model → not_null test, into a DuckDB file in the temp dir.
            var project = Path.Combine(temp, "tiny");
            WriteTinyProject(project);
            var build = Proc.Run(exe, ["build", "--project-dir", project], temp, timeout: TimeSpan.FromMinutes(3));
            Assert.True(build.Exit == 0, build.ToString());
            Assert.Contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3", build.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(project, "warehouse", "tiny.duckdb")), build.ToString());
            Assert.True(File.Exists(Path.Combine(project, "target", "run_results.json")), build.ToString());
        }
        finally
        {
            Repo.DeleteQuietly(temp);
        }
    }

    /// <summary>The package version: &lt;Version&gt; of src/ngdbt/ngdbt.csproj (what `dotnet pack` stamps).</summary>
    private static string ToolVersion()
    {
        var csproj = XDocument.Load(Repo.PathOf("src/ngdbt/ngdbt.csproj"));
        var props = csproj.Root!.Elements("PropertyGroup").ToList();
        Assert.Equal("true", props.Select(p => p.Element("PackAsTool")?.Value).FirstOrDefault(v => v is not null));
        Assert.Equal("ngdbt", props.Select(p => p.Element("ToolCommandName")?.Value).FirstOrDefault(v => v is not null));
        return props.Select(p => p.Element("Version")?.Value).FirstOrDefault(v => v is not null) ?? "1.0.0";
    }

    private static void WriteTinyProject(string root)
    {
        void Write(string path, string text)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Write("project.yml", "name: tiny\nprofile: tiny\n");
        Write("profiles.yml", $"tiny:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {Path.Combine(root, "warehouse", "tiny.duckdb")}\n      threads: 2\n");
        Write("seeds/payments.csv", "id,amount\n1,10.5000\n2,20.1234\n");
        Write("seeds/schema.yml", "seeds:\n  - name: payments\n    config:\n      column_types: {id: INTEGER, amount: \"DECIMAL(19,4)\"}\n");
        Write("models/paid.sql", "select id, amount from {{ ref('payments') }}\n");
        Write("models/schema.yml", "models:\n  - name: paid\n    columns:\n      - name: amount\n        tests:\n          - not_null\n");
    }
}
