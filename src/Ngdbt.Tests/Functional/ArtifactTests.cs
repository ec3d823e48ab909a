using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

public sealed class ArtifactTests
{
    [Fact]
    public void Manifest_and_run_results_are_dbt_shaped()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "{{ config(materialized: 'table', tags: ['x']) }}\nselect 1 as id\n",
            ["models/b.sql"] = "select * from {{ ref('a') }}\n",
            ["models/schema.yml"] = "models:\n  - name: a\n    description: The A model\n    columns:\n      - name: id\n        description: key\n        tests: [unique]\n",
        });
        Assert.Equal(0, p.Run("build").Exit);
        using var manifest = JsonDocument.Parse(p.Read("target/manifest.json"));
        var b = manifest.RootElement.GetProperty("nodes").GetProperty("model.proj.b");
        Assert.Equal("model.proj.a", b.GetProperty("depends_on").GetProperty("nodes")[0].GetString());
        var a = manifest.RootElement.GetProperty("nodes").GetProperty("model.proj.a");
        Assert.Equal("table", a.GetProperty("config").GetProperty("materialized").GetString());
        Assert.Equal("The A model", a.GetProperty("description").GetString());
        Assert.Equal("\"main\".\"a\"", a.GetProperty("relation_name").GetString());
        Assert.Contains("model.proj.b", manifest.RootElement.GetProperty("child_map").GetProperty("model.proj.a").EnumerateArray().Select(e => e.GetString()));

        using var results = JsonDocument.Parse(p.Read("target/run_results.json"));
        var byId = results.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!);
        Assert.Equal("success", byId["model.proj.a"].GetProperty("status").GetString());
        Assert.Equal(1, byId["model.proj.a"].GetProperty("adapter_response").GetProperty("rows_affected").GetInt64());
        Assert.True(byId["model.proj.a"].GetProperty("execution_time").GetDecimal() >= 0);
        Assert.Equal("pass", byId.Single(kv => kv.Key.StartsWith("test.proj.unique_a_id", StringComparison.Ordinal)).Value.GetProperty("status").GetString());
    }

    [Fact]
    public void Show_compile_clean_and_ls_work()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "select 1.5::DECIMAL(19,4) as amount, 'x' as name\n",
        });
        var (exit, output) = p.Run("show", "--select", "a", "--limit", "5");
        Assert.True(exit == 0, output);
        Assert.Contains("amount", output, StringComparison.Ordinal);
        Assert.Contains("1.5000", output, StringComparison.Ordinal);
        (exit, output) = p.Run("compile", "--select", "a");
        Assert.Equal(0, exit);
        Assert.Contains("select 1.5::DECIMAL(19,4) as amount", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(p.Root, "target/compiled/proj/models/a.sql")));
        Assert.Equal(0, p.Run("clean").Exit);
        Assert.False(Directory.Exists(Path.Combine(p.Root, "target")));
    }

    /// <summary>manifest.json is written to a twin and moved into place: a write that fails half-way (here the relation
    /// name of the 40th node throws) leaves the last manifest whole, and no twin behind. Written in place, the file was
    /// truncated at its first flush.</summary>
    [Fact]
    public void A_manifest_write_that_fails_half_way_leaves_the_last_manifest_whole()
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 80; i++)
        {
            files[$"models/m{i:000}.sql"] = $"-- {new string('x', 2000)}\nselect {i} as id\n";
        }

        using var p = new TestProject(files);
        Assert.Equal(0, p.Run("compile").Exit);
        var before = p.Read("target/manifest.json");
        var log = new StringWriter();
        var session = Ngdbt.Cli.Commands.Session.Open(Ngdbt.Cli.Program.Parse(["compile", "--project-dir", p.Root]), new Ngdbt.Cli.Output.ConsoleOutput(log), quiet: true);
        Assert.True(session is not null, log.ToString());
        var written = 0;
        var failure = Record.Exception(() => Ngdbt.Artifacts.ArtifactWriter.WriteManifest(session.Manifest, null, _ => Interlocked.Increment(ref written) == 40 ? throw new IOException("disk gone") : "\"main\".\"x\""));
        Assert.NotNull(failure);
        Assert.Contains("disk gone", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, p.Read("target/manifest.json"));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(p.Root, "target")), f => Path.GetFileName(f).StartsWith("manifest.json.", StringComparison.Ordinal));
    }

    /// <summary>A process killed while writing manifest.json leaves its twin (`manifest.json.<pid>.tmp`); the next
    /// compile deletes the twins of processes that are gone and leaves those of live ones (a write under way).</summary>
    [Fact]
    public void A_compile_deletes_the_manifest_twin_a_killed_process_left()
    {
        using var p = new TestProject(new Dictionary<string, string> { ["models/a.sql"] = "select 1 as id\n" });
        Assert.Equal(0, p.Run("compile").Exit);
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        gone.WaitForExit();
        var stale = Path.Combine(p.Root, "target", $"manifest.json.{gone.Id}.tmp");
        // Process 1 (init) lives as long as the machine.
        var live = Path.Combine(p.Root, "target", "manifest.json.1.tmp");
        File.WriteAllText(stale, "{\"half\":");
        File.WriteAllText(live, "{\"half\":");
        p.Write("models/a.sql", "select 2 as id\n");   // a change, so this compile writes (an unchanged one has nothing to do)

        Assert.Equal(0, p.Run("compile").Exit);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        using var manifest = System.Text.Json.JsonDocument.Parse(p.Read("target/manifest.json"));
        Assert.True(manifest.RootElement.GetProperty("nodes").TryGetProperty("model.proj.a", out _));
    }
}
