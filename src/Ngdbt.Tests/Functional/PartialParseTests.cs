using System.Text.RegularExpressions;
using Ngdbt.Parse;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Partial parsing (target/partial_parse.schema.json): after any change, a compile that reads the cache leaves
/// exactly what a compile without it leaves; an unchanged schema file is really served from the cache, and a changed,
/// renamed or foreign one never is.</summary>
public sealed partial class PartialParseTests
{
    private const string Schema = """
        models:
          - name: a
            description: first model
            config:
              materialized: table
              meta: {rate: 1.50, whole: 5., count: 3, negative: -2, flag: true, nothing: null, quoted: '7', list: [x, 2.0, {k: v}]}
            columns:
              - name: id
                description: key
                tests: [not_null, {accepted_values: {values: [10, 20]}}]
              - name: amount
                data_type: DECIMAL(19,4)
          - name: b
            columns:
              - name: id
                tests:
                  - relationships: {to: ref('a'), field: id}
        sources:
          - name: raw
            schema: main
            loaded_at_field: loaded_at
            freshness: {warn_after: {count: 12, period: hour}}
            tables:
              - name: events
                identifier: a
                meta: {owner: finance}
        exposures:
          - name: dashboard
            type: dashboard
            owner: {name: finance}
            depends_on: [ref('b')]
        """;

    private static Dictionary<string, string> Files() => new()
    {
        ["project.yml"] = "name: proj\nprofile: test\nvars:\n  cutoff: 10\nmodels:\n  proj:\n    +tags: [nightly]\n",
        ["models/a.sql"] = "select {{ var('cutoff') }} as id, {{ money('1.5') }} as amount\n",
        ["models/b.sql"] = "select id, amount from {{ ref('a') }}\n",
        ["models/schema.yml"] = Schema,
        ["macros/money.sql"] = "{{ func money(x) }}cast({{ x }} as decimal(19,4)){{ end }}\n",
    };

    public static TheoryData<string> Changes() => ["yaml test", "yaml config", "yaml description", "yaml deleted", "yaml added", "yaml renamed", "model added", "model deleted", "macro", "var in project.yml", "var on the command line", "folder config", "model config"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void After_a_change_a_compile_with_the_cache_equals_one_without(string change)
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.True(File.Exists(CachePath(p)));
        string[] args = ["compile"];
        switch (change)
        {
            case "yaml test": p.Write("models/schema.yml", Schema.Replace("tests: [not_null, ", "tests: [unique, ", StringComparison.Ordinal)); break;
            case "yaml config": p.Write("models/schema.yml", Schema.Replace("materialized: table", "materialized: view", StringComparison.Ordinal)); break;
            case "yaml description": p.Write("models/schema.yml", Schema.Replace("first model", "the first model", StringComparison.Ordinal)); break;
            case "yaml deleted": p.Delete("models/schema.yml"); break;
            case "yaml added": p.Write("models/more.yml", "models:\n  - name: c\n    description: third\n    columns:\n      - name: id\n        tests: [unique]\n"); p.Write("models/c.sql", "select 1 as id\n"); break;
            case "yaml renamed": p.Delete("models/schema.yml"); p.Write("models/props.yml", Schema); break;
            case "model added": p.Write("models/c.sql", "select id from {{ ref('b') }}\n"); break;
            case "model deleted": p.Delete("models/b.sql"); p.Write("models/schema.yml", Schema[..Schema.IndexOf("  - name: b", StringComparison.Ordinal)] + Schema[Schema.IndexOf("sources:", StringComparison.Ordinal)..].Replace("depends_on: [ref('b')]", "depends_on: [ref('a')]", StringComparison.Ordinal)); break;
            case "macro": p.Write("macros/money.sql", "{{ func money(x) }}cast({{ x }} as decimal(19,2)){{ end }}\n"); break;
            case "var in project.yml": p.Write("project.yml", Files()["project.yml"].Replace("cutoff: 10", "cutoff: 20", StringComparison.Ordinal)); break;
            case "var on the command line": args = ["compile", "--vars", "{cutoff: 30}"]; break;
            case "folder config": p.Write("project.yml", Files()["project.yml"].Replace("+tags: [nightly]", "+tags: [hourly]", StringComparison.Ordinal)); break;
            case "model config": p.Write("models/b.sql", "{{ config(materialized: 'table') }}\nselect id, amount from {{ ref('a') }}\n"); break;
            default: throw new ArgumentException(change);
        }

        var withCache = Outcome(p, args);
        File.Delete(CachePath(p));
        var withoutCache = Outcome(p, args);
        Assert.Equal(withoutCache, withCache);
    }

    [Fact]
    public void An_unchanged_project_compiles_the_same_from_the_cache()
    {
        using var p = new TestProject(Files());
        var first = Outcome(p, "compile");
        var cached = Outcome(p, "compile");
        Assert.Contains("\"rate\":1.50", cached, StringComparison.Ordinal);
        Assert.Equal(first, cached);
    }

    [Fact]
    public void An_unchanged_schema_file_is_read_from_the_cache()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Poison(p);
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains("poisoned model", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_schema_file_is_parsed_again()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Poison(p);
        p.Write("models/schema.yml", Schema.Replace("description: key", "description: the key", StringComparison.Ordinal));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.DoesNotContain("poisoned model", p.Read("target/manifest.json"), StringComparison.Ordinal);
        Assert.Contains("first model", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_file_moved_to_another_path_is_parsed_again()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Poison(p);
        p.Delete("models/schema.yml");
        p.Write("models/sub/schema.yml", Schema);
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.DoesNotContain("poisoned model", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_written_by_another_build_of_ngdbt_is_not_used()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Poison(p);
        var text = File.ReadAllText(CachePath(p));
        File.WriteAllText(CachePath(p), text.Replace(SchemaParseCache.CodeVersion, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.DoesNotContain("poisoned model", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_file_with_diagnostics_reports_them_on_every_run()
    {
        using var p = new TestProject(Files());
        p.Write("models/schema.yml", Schema.Replace("    description: first model\n", "    descriptoin: first model\n", StringComparison.Ordinal));
        var (exit1, first) = p.Run("compile");
        var (exit2, second) = p.Run("compile");
        Assert.NotEqual(0, exit1);
        Assert.Equal(exit1, exit2);
        Assert.Contains("unknown key 'descriptoin'", first, StringComparison.Ordinal);
        Assert.Contains("unknown key 'descriptoin'", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_cache_is_a_cold_parse()
    {
        using var p = new TestProject(Files());
        var first = Outcome(p, "compile");
        File.WriteAllText(CachePath(p), "{\"code\": \"" + SchemaParseCache.CodeVersion + "\", \"files\": [{\"path\": \"models/schema.yml\", \"sha256\": ");
        Assert.Equal(first, Outcome(p, "compile"));
    }

    private static string CachePath(TestProject p) => Path.Combine(p.Root, "target", SchemaParseCache.FileName);

    /// <summary>Rewrites the stored description of model a, leaving the stored hash alone: only a cache hit shows it.</summary>
    private static void Poison(TestProject p)
    {
        var text = File.ReadAllText(CachePath(p));
        Assert.Contains("\"first model\"", text, StringComparison.Ordinal);
        File.WriteAllText(CachePath(p), text.Replace("\"first model\"", "\"poisoned model\"", StringComparison.Ordinal));
    }

    /// <summary>What a compile printed and left in target/ (but the cache), without timestamps and invocation ids.</summary>
    internal static string Outcome(TestProject p, params string[] args)
    {
        var (exit, output) = p.Run(args);
        var target = Path.Combine(p.Root, "target");
        var files = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("partial_parse.", StringComparison.Ordinal) && !f.EndsWith(".duckdb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"=== {Path.GetRelativePath(target, f)}\n{Volatile().Replace(File.ReadAllText(f), "<volatile>")}");
        // A compile with nothing to do says so (CompileReuseTests); the files it stands on are compared exactly.
        output = string.Join("\n", output.Split('\n').Where(l => !l.Contains("Nothing changed since the last compile", StringComparison.Ordinal)));
        return $"exit {exit}\n{Volatile().Replace(output, "<volatile>")}\n{string.Join("\n", files)}";
    }

    [GeneratedRegex(@"""(generated_at|invocation_id|run_started_at|created_at)"":(""[^""]*""|[0-9.]+)|\d\d:\d\d:\d\d(\.\d+)?|\d+(\.\d+)?\s?m?s\b")]
    private static partial Regex Volatile();
}
