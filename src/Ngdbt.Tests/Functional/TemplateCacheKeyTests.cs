using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>The keys of the template caches: a stored parse or render is poisoned, so only a cache hit shows it; an
/// unchanged template must show it, and a change to any part of the key must not (each case fails when that part is
/// left out of the key).</summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class TemplateCacheKeyTests
{
    private const string CompiledB = "target/compiled/proj/models/b.sql";

    [Fact]
    public void An_unchanged_template_is_neither_parsed_nor_rendered_again()
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        PoisonRender(p);
        PoisonParse(p);
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains("poison_b", p.Read(CompiledB), StringComparison.Ordinal);
        Assert.Contains("\"poison_tag\"", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    public static TheoryData<string> RenderKeyParts() =>
    [
        "template edit", "macro edit", "var in project.yml", "var on the command line", "target", "folder config", "alias of a parent", "source identifier", "incremental after a run",
    ];

    [Theory]
    [MemberData(nameof(RenderKeyParts))]
    public void A_change_to_a_part_of_the_render_key_renders_again(string change)
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var args = TemplatePartialParseTests.Apply(p, change);
        PoisonRender(p);
        var (exit, output) = p.Run(args);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("poison_b", p.Read(CompiledB), StringComparison.Ordinal);
        Assert.Contains("marker_b", p.Read(CompiledB), StringComparison.Ordinal);
    }

    public static TheoryData<string> ParseKeyParts() => ["template edit", "macro edit", "var in project.yml", "target", "model renamed", "another build"];

    [Theory]
    [MemberData(nameof(ParseKeyParts))]
    public void A_change_to_a_part_of_the_parse_key_parses_again(string change)
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        Assert.Equal(0, p.Run("compile").Exit);
        PoisonParse(p);
        var cache = Path.Combine(p.Root, "target", "partial_parse.templates.json");
        var args = change == "another build"
            ? Replace(cache, Ngdbt.Parse.SchemaParseCache.CodeVersion, "0123456789abcdef0123456789abcdef", ["compile"])
            : TemplatePartialParseTests.Apply(p, change);
        var (exit, output) = p.Run(args);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("poison_tag", p.Read("target/manifest.json"), StringComparison.Ordinal);
        Assert.Contains("\"t1\"", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_reads_the_environment_is_never_cached()
    {
        const string Name = "NGTEST_TEMPLATE_CACHE_VALUE";
        var files = TemplatePartialParseTests.Files();
        files["models/c.sql"] = $"select '{{{{ env_var('{Name}', 'unset') }}}}' as v, {{{{ money('1') }}}} as m\n";
        using var p = new TestProject(files);
        Environment.SetEnvironmentVariable(Name, "first");
        try
        {
            Assert.Equal(0, p.Run("compile").Exit);
            Environment.SetEnvironmentVariable(Name, "second");
            Assert.Equal(0, p.Run("compile").Exit);
            Assert.Contains("'second' as v", p.Read("target/compiled/proj/models/c.sql"), StringComparison.Ordinal);
            Assert.DoesNotContain("models/c.sql", p.Read("target/partial_parse.templates.json"), StringComparison.Ordinal);
            Assert.Contains("models/b.sql", p.Read("target/partial_parse.templates.json"), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, null);
        }
    }

    [Theory]
    [InlineData("select {{ date.now | date.to_string '%Y' }} as y\n")]
    [InlineData("{{ x = env_var('HOME', '') }}select 1 as id\n")]
    [InlineData("{{ func f() }}{{ ret run_query('select 1') }}{{ end }}select 1 as id\n")]
    [InlineData("{{ money = 3 }}select {{ money }} as id\n")]
    [InlineData("select {{ impure() }} as id\n")]
    public void Impure_templates_are_not_stored(string text)
    {
        var files = TemplatePartialParseTests.Files();
        files["models/c.sql"] = text;
        files["macros/impure.sql"] = "{{ func impure() }}{{ env_var('HOME', 'x') | string.size }}{{ end }}\n";
        using var p = new TestProject(files);
        p.Run("compile");
        Assert.DoesNotContain("models/c.sql", p.Read("target/partial_parse.templates.json"), StringComparison.Ordinal);
        Assert.Contains("models/a.sql", p.Read("target/partial_parse.templates.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_with_diagnostics_reports_them_on_every_run()
    {
        var files = TemplatePartialParseTests.Files();
        files["models/c.sql"] = "{{ n = 'a' }}select * from {{ ref(n) }}\n";
        using var p = new TestProject(files);
        var (exit1, first) = p.Run("compile");
        var (exit2, second) = p.Run("compile");
        Assert.NotEqual(0, exit1);
        Assert.Equal(exit1, exit2);
        Assert.Contains("ref() takes one or two string literals", first, StringComparison.Ordinal);
        Assert.Contains("ref() takes one or two string literals", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partial_parse.templates.json", "\"called\":[", "\"called\":{")]
    [InlineData("partial_parse.templates.json", "\"refs\":[[", "\"refs\":[[7,")]
    [InlineData("partial_parse.rendered.json", "[\"model.proj.b\"", "[\"model.proj.b\",1")]
    public void A_corrupt_cache_is_a_cold_parse(string file, string from, string to)
    {
        using var p = new TestProject(TemplatePartialParseTests.Files());
        var first = PartialParseTests.Outcome(p, "compile");
        Replace(Path.Combine(p.Root, "target", file), from, to, []);
        Assert.Equal(first, PartialParseTests.Outcome(p, "compile"));
    }

    [Fact]
    public void A_model_built_in_batches_renders_each_batch_itself_with_the_caches_warm()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["macros/range.sql"] = "{{ func duckdb__range_rows(n) }}(select range as i from range({{ n }})) as r{{ end }}\n",
            ["models/events.sql"] = "{{ config(materialized: 'table', batch_key: 'k') }}\nselect 'k' || cast(i % 7 as varchar) as k, i from {{ range_rows(40) }}\n",
            ["models/joined.sql"] = "{{ config(materialized: 'table', batches: 3) }}\nselect e.k, e.i, count(*) over () as rows_in_statement from {{ ref('events') }} as e\n",
        });
        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = p.Run("run");
            Assert.True(exit == 0, output);
            Assert.Contains("in 3 batches", output, StringComparison.Ordinal);
            Assert.Equal(40L, Convert.ToInt64(p.Scalar("select count(*) from main.joined"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Convert.ToInt64(p.Scalar("select max(rows_in_statement) from main.joined"), System.Globalization.CultureInfo.InvariantCulture) < 40);
        }

        Assert.Contains("models/joined.sql", p.Read("target/partial_parse.templates.json"), StringComparison.Ordinal);
    }

    private static string[] Replace(string path, string from, string to, string[] args)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        return args;
    }

    /// <summary>Rewrites model b's stored SQL, leaving its key alone: only a render-cache hit shows it.</summary>
    private static void PoisonRender(TestProject p)
    {
        // Below the compile memo (CompileReuseTests): without it an unchanged project would not compile at all.
        File.Delete(Path.Combine(p.Root, "target", Ngdbt.Artifacts.CompileMemo.FileName));
        Replace(Path.Combine(p.Root, "target", "partial_parse.rendered.json"), "marker_b", "poison_b", []);
    }

    /// <summary>Rewrites model b's stored config() tags, leaving its hash alone: only a parse-cache hit shows it.</summary>
    private static void PoisonParse(TestProject p)
    {
        File.Delete(Path.Combine(p.Root, "target", Ngdbt.Artifacts.CompileMemo.FileName));
        Replace(Path.Combine(p.Root, "target", "partial_parse.templates.json"), "\"t1\"", "\"poison_tag\"", []);
    }
}
