using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>A compile with nothing to do (target/partial_parse.compile.bin): it is taken only when the inputs and the
/// files in target/ are those the last compile left, and it is never taken when either changed or when a template
/// reads what the key does not hold. The render cache is poisoned first, so a compile that runs after all shows it
/// ran (`poison_b`) while one that was rightly skipped leaves the files as they were.</summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class CompileReuseTests
{
    private const string Skipped = "Nothing changed since the last compile";
    private const string CompiledB = "target/compiled/proj/models/b.sql";

    [Fact]
    public void An_unchanged_project_compiles_to_nothing_and_leaves_the_files_alone()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        var first = p.Run("compile");
        Assert.True(first.Exit == 0, first.Output);
        Assert.DoesNotContain(Skipped, first.Output, StringComparison.Ordinal);
        var manifest = Path.Combine(p.Root, "target", "manifest.json");
        var written = File.GetLastWriteTimeUtc(manifest);
        PoisonRender(p);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("Found 2 models", output, StringComparison.Ordinal);
        Assert.Contains("Compiled 2 nodes to", output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(manifest));
        Assert.DoesNotContain("poison_b", p.Read(CompiledB), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_selected_node_prints_its_sql_when_nothing_changed()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile", "-s", "b").Exit);
        var (exit, output) = p.Run("compile", "-s", "b");
        Assert.True(exit == 0, output);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("select id as marker_b", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_with_unit_tests_is_reused_and_a_unit_test_edit_compiles_again()
    {
        var files = TemplatePartialParseTests.Files();
        files["models/unit.yml"] = "unit_tests:\n  - name: b_keeps_small_ids\n    model: b\n    given:\n      - input: ref('a')\n        rows: [{id: 1, amount: 2}]\n      - input: source('raw', 'events')\n        rows: [{id: 1}]\n    expect:\n      rows: [{marker_b: 1}]\n";
        using var p = new TestProject(files);
        var first = p.Run("compile");
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("1 unit tests", first.Output, StringComparison.Ordinal);
        Assert.Contains(Skipped, p.Run("compile").Output, StringComparison.Ordinal);
        var manifest = p.Read("target/manifest.json");
        Assert.Contains("b_keeps_small_ids", manifest, StringComparison.Ordinal);
        p.Write("models/unit.yml", files["models/unit.yml"].Replace("amount: 2", "amount: 3", StringComparison.Ordinal));
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
        Assert.NotEqual(PartialParseTestsVolatile(manifest), PartialParseTestsVolatile(p.Read("target/manifest.json")));
    }

    public static TheoryData<string> InputChanges() =>
    [
        "template edit", "macro edit", "var in project.yml", "var on the command line", "target", "folder config", "alias of a parent",
        "source identifier", "model added", "model removed", "incremental after a run",
    ];

    [Theory]
    [MemberData(nameof(InputChanges))]
    public void A_change_to_an_input_compiles_again(string change)
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var args = TemplatePartialParseTests.Apply(p, change);
        var (exit, output) = p.Run(args);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
    }

    public static TheoryData<string> OutputChanges() => ["compiled file edited", "compiled file deleted", "manifest.json deleted", "state.json edited"];

    [Theory]
    [MemberData(nameof(OutputChanges))]
    public void A_file_changed_in_target_is_written_again(string change)
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var expected = p.Read(CompiledB);
        switch (change)
        {
            case "compiled file edited": p.Write(CompiledB, "select 'edited by hand'\n"); break;
            case "compiled file deleted": p.Delete(CompiledB); break;
            case "manifest.json deleted": p.Delete("target/manifest.json"); break;
            case "state.json edited": File.AppendAllText(Path.Combine(p.Root, "target", "state.json"), " "); break;
            default: throw new ArgumentException(change);
        }

        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
        Assert.Equal(expected, p.Read(CompiledB));
        Assert.True(File.Exists(Path.Combine(p.Root, "target", "manifest.json")));
    }

    public static TheoryData<string> EnvironmentPlaces() => ["profile", "model comment"];

    /// <summary>An env var named in the profile changes the target; one named in a SQL comment of a pure template is
    /// recorded by state.json (for state:modified) although no render reads it. Either is part of the key.</summary>
    [Theory]
    [MemberData(nameof(EnvironmentPlaces))]
    public void An_environment_variable_a_project_text_names_is_part_of_the_key(string place)
    {
        var name = "NGTEST_COMPILE_REUSE_" + (place == "profile" ? "SCHEMA" : "COMMENT");
        var files = TemplatePartialParseTests.Files();
        if (place == "profile")
        {
            files["profiles.yml"] = TemplatePartialParseTests.Profiles.Replace("threads: 4\n    other:", $"threads: 4\n      schema: \"{{{{ env_var('{name}', 'main') }}}}\"\n    other:", StringComparison.Ordinal);
        }
        else
        {
            files["models/c.sql"] = $"-- owner: see env_var('{name}')\nselect 1 as id\n";
        }

        using var p = new TestProject(files);
        WithVariable(name, "first_value", set =>
        {
            Assert.Equal(0, p.Run("compile").Exit);
            Assert.Contains(Skipped, p.Run("compile").Output, StringComparison.Ordinal);
            set("second_value");
            var (exit, output) = p.Run("compile");
            Assert.True(exit == 0, output);
            Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
            Assert.Contains("second_value", p.Read(place == "profile" ? CompiledB : "target/state.json"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_template_that_reads_the_environment_always_compiles_again()
    {
        const string Name = "NGTEST_COMPILE_REUSE_VALUE";
        var files = TemplatePartialParseTests.Files();
        files["models/c.sql"] = $"select '{{{{ env_var('{Name}', 'unset') }}}}' as v\n";
        using var p = new TestProject(files);
        WithVariable(Name, "first", _ =>
        {
            Assert.Equal(0, p.Run("compile").Exit);
            var (exit, output) = p.Run("compile");
            Assert.True(exit == 0, output);
            Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(p.Root, "target", Ngdbt.Artifacts.CompileMemo.FileName)));
        });
    }

    /// <summary>Runs <paramref name="body"/> with the variable set (it may set it again), then unsets it.</summary>
    private static void WithVariable(string name, string value, Action<Action<string>> body)
    {
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            body(v => Environment.SetEnvironmentVariable(name, v));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_compile_that_warns_compiles_again_and_warns_again()
    {
        var files = TemplatePartialParseTests.Files();
        files["models/schema.yml"] = "models:\n  - name: b\n    columns:\n      - name: marker_b\n        tests: [not_null]\n  - name: not_a_model\n    description: nothing\n";
        using var p = new TestProject(files);
        var first = p.Run("compile");
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("warning", first.Output, StringComparison.Ordinal);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("warning", output, StringComparison.Ordinal);
    }

    /// <summary>is_incremental() reads the warehouse: a table that appears between two compiles, with nothing else
    /// changed, must change the incremental model's SQL.</summary>
    [Fact]
    public void A_relation_created_in_the_warehouse_is_part_of_the_key()
    {
        var files = TemplatePartialParseTests.Files();
        files["models/b.sql"] = "{{ config(materialized: 'incremental') }}\n" + TemplatePartialParseTests.ModelB + "{{ if is_incremental() }}and id > (select max(marker_b) from {{ this }}){{ end }}\n";
        using var p = new TestProject(files);
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains(Skipped, p.Run("compile").Output, StringComparison.Ordinal);
        Assert.DoesNotContain("max(marker_b)", p.Read(CompiledB), StringComparison.Ordinal);
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={Path.Combine(p.Root, "warehouse", "test.duckdb")}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "create table main.b as select 1 as marker_b, cast(1 as decimal(19,4)) as amount";
            create.ExecuteNonQuery();
        }

        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("max(marker_b)", p.Read(CompiledB), StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_between_two_compiles_makes_the_second_one_run()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Equal(0, p.Run("run").Exit);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
    }

    /// <summary>A target/ that cannot be written fails the compile, memo or not (the probe file's place is taken by a
    /// folder, which stops the probe even for root).</summary>
    [Fact]
    public void An_unwritable_target_fails_even_when_nothing_changed()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Directory.CreateDirectory(Path.Combine(p.Root, "target", ".ngdbt-write-check"));
        var (exit, output) = p.Run("compile");
        Assert.NotEqual(0, exit);
        Assert.Contains(Ngdbt.Diagnostics.DiagnosticCodes.TargetUnwritable, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
    }

    /// <summary>A warehouse the check cannot open is reported once, as the compile reports it, after the project's own
    /// diagnostics, and nothing is compiled.</summary>
    [Fact]
    public void A_warehouse_that_cannot_be_opened_is_reported_once()
    {
        var files = TemplatePartialParseTests.Files();
        files["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: data/export.csv\n";
        files["data/export.csv"] = "id,amount\n1,2.0000\n";
        using var p = new TestProject(files);
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "error NG0034: "));
        Assert.Contains("is not a DuckDB database file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Compiled ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(p.Root, "target", "compiled")));
        Assert.Equal("id,amount\n1,2.0000\n", p.Read("data/export.csv"));
    }

    /// <summary>The key holds project.yml as the load read it, not as it is on disk when the key is computed: a save
    /// during a compile must not give the next compile the key of a config this one did not use.</summary>
    [Fact]
    public void The_key_holds_project_yml_as_loaded()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        var engine = Ngdbt.Cli.Commands.CliAdapters.Engine;
        var load = engine.Load(new Ngdbt.Load.LoadOptions(p.Root));
        var invocation = new Ngdbt.Engine.CompileInvocation(["compile"], p.Root);
        var before = engine.CheckCompileReuse(load.Project!, invocation, "test").Key;
        p.Write("project.yml", TemplatePartialParseTests.Files()["project.yml"] + "models:\n  proj:\n    +schema: saved_later\n");
        Assert.NotNull(before);
        Assert.Equal(before, engine.CheckCompileReuse(load.Project!, invocation, "test").Key);
        Assert.NotEqual(before, engine.CheckCompileReuse(engine.Load(new Ngdbt.Load.LoadOptions(p.Root)).Project!, invocation, "test").Key);
    }

    /// <summary>The memo is written only for files still as the compile wrote them (a concurrent writer leaves none), and
    /// never for a whole-second mtime of the last two seconds (coarse timestamps: an edit could keep the stat).</summary>
    [Theory]
    [InlineData("unchanged", true)]
    [InlineData("rewritten since", false)]
    [InlineData("coarse and recent", false)]
    [InlineData("coarse and old", true)]
    public void The_memo_records_only_files_still_as_written(string state, bool recorded)
    {
        var dir = Directory.CreateTempSubdirectory("ngdbt-memo-").FullName;
        try
        {
            var path = Path.Combine(dir, "manifest.json");
            File.WriteAllText(path, "{}");
            var now = DateTime.UtcNow;
            if (state.StartsWith("coarse", StringComparison.Ordinal))
            {
                var whole = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
                // "recent" is the next whole second: still within the memo's two-second window if this thread then
                // stalls for up to three seconds (the current whole second may already be a second old).
                File.SetLastWriteTimeUtc(path, state == "coarse and old" ? whole.AddSeconds(-10) : whole.AddSeconds(1));
            }

            var stat = Ngdbt.Artifacts.WrittenFile.Stat(dir, "manifest.json");
            if (state == "rewritten since")
            {
                File.WriteAllText(path, "{\"other\": 1}");
            }

            Ngdbt.Artifacts.CompileMemo.Write(dir, "key", ["line"], null, 1, [stat]);
            Assert.Equal(recorded, File.Exists(Ngdbt.Artifacts.CompileMemo.PathIn(dir)));
            Assert.Equal(recorded, Ngdbt.Artifacts.CompileMemo.Read(dir)?.OutputsCurrent(dir) == true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>manifest.json without what changes on every write (times, the invocation id).</summary>
    private static string PartialParseTestsVolatile(string manifest)
        => System.Text.RegularExpressions.Regex.Replace(manifest, @"""(generated_at|invocation_id|created_at)"":(""[^""]*""|[0-9.]+)", "<volatile>");

    /// <summary>Replaces b's stored render with a poisoned one (its key kept): a compile that renders from the cache
    /// writes `poison_b`.</summary>
    private static void PoisonRender(TestProject p)
    {
        var cache = Path.Combine(p.Root, "target", "partial_parse.rendered.json");
        File.WriteAllText(cache, File.ReadAllText(cache).Replace("marker_b", "poison_b", StringComparison.Ordinal));
    }
}
