using System.Globalization;
using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>A dbt project of our own (Fixtures/dbt/constructs) using every Jinja construct and dbt_project.yml key the
/// Jinja front-end supports, built unchanged; and the dbt features that used to be accepted and silently ignored.</summary>
public sealed class DbtConstructsTests
{
    private static string FixtureDir => Path.Combine(GoldenFile.SourceDir(), "Fixtures", "dbt", "constructs");

    private static Dictionary<string, string> Files() => Directory.EnumerateFiles(FixtureDir, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(FixtureDir, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static List<string[]> Payments() => [.. File.ReadAllLines(Path.Combine(FixtureDir, "seeds", "raw_payments.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    [Fact]
    public void Every_construct_renders_and_builds_with_dbt_semantics()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("Done. PASS=9 WARN=1 ERROR=0 SKIP=0 TOTAL=10", output, StringComparison.Ordinal);
        Assert.Contains("dbt_project.yml(11,1): warning NG0029: dbt_project.yml key 'log-path' is not implemented", output, StringComparison.Ordinal);

        // Totals per order and method, from the seed CSV (cents → exact dollars).
        var payments = Payments();
        var rows = p.Query("select order_id, card_amount, cash_amount, total_amount, n_payments, title, n_methods, as_of, dispatched, me, answer, raw_text, shouted, ordering, literals from marts.payment_summary order by order_id");
        Assert.Equal(payments.Select(r => r[1]).Distinct().Count(), rows.Count);
        foreach (var row in rows)
        {
            var mine = payments.Where(r => r[1] == Convert.ToString(row[0], CultureInfo.InvariantCulture)).ToList();
            decimal Sum(Func<string[], bool> which) => mine.Where(which).Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)) / 100m;
            Assert.Equal(Sum(r => r[2] == "card"), (decimal)row[1]!);
            Assert.Equal(Sum(r => r[2] == "cash"), (decimal)row[2]!);
            Assert.Equal(Sum(_ => true), (decimal)row[3]!);
            Assert.Equal((long)mine.Count, Convert.ToInt64(row[4], CultureInfo.InvariantCulture));
        }

        Assert.Equal(["Payments by 2 methods", 2L, "2024-01-31", "duckdb:x", "payment_summary|marts", 42L, "{{ literal }}", "SHOUT", "card first", "3-d"],
            rows[0][5..].Select(v => v is int i ? (long)i : v));
        // dbt.date_trunc: ngdbt's shipped cross-database macro (Scriban), called from Jinja.
        Assert.Equal("2024-01-01", Convert.ToString(p.Scalar("select cast(month_start as varchar) from marts.payment_summary limit 1"), CultureInfo.InvariantCulture));
        Assert.Equal("DECIMAL(19,4)", p.ColumnType("main", "stg_payments", "amount"));

        // The ephemeral model's loop over a macro's return() value, inlined as a CTE.
        Assert.Equal([["card", 1L], ["cash", 2L], ["voucher", 3L]], p.Query("select method, position from marts.method_list order by position").Select(r => new object?[] { r[0], Convert.ToInt64(r[1], CultureInfo.InvariantCulture) }));

        // Hooks in their Jinja forms: on-run-start (a loop), pre_hook in config(), +post-hook in dbt_project.yml, on-run-end.
        var log = p.Query("select event, at_step from main.run_log").Select(r => $"{r[0]}:{r[1]}").ToList();
        Assert.Equal("START:1", log[0]);
        Assert.StartsWith("END:", log[^1], StringComparison.Ordinal);
        Assert.Contains("pre payment_summary:0", log);
        Assert.Equal(["post method_list:0", "post orders_incremental:0", "post payment_summary:0"], log.Where(l => l.StartsWith("post", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // generate_schema_name is the project's: `marts`, not dbt's default `main_marts`.
        Assert.Equal(0L, Convert.ToInt64(p.Scalar("select count(*) from information_schema.tables where table_schema = 'main_marts'"), CultureInfo.InvariantCulture));
        Assert.Equal("VIEW", p.Scalar("select table_type from information_schema.tables where table_name = 'stg_payments'"));

        // +enabled: "{{ var('include_legacy') }}" disabled the legacy folder (its model refs a model that does not exist).
        Assert.Equal(0L, Convert.ToInt64(p.Scalar("select count(*) from information_schema.tables where table_name = 'old_model'"), CultureInfo.InvariantCulture));

        // The incremental model's second run takes the is_incremental() branch.
        var (again, againOutput) = p.Run("run", "--select", "orders_incremental");
        Assert.True(again == 0, againOutput);
        Assert.Contains("where order_id > (select coalesce(max(order_id), 0) - 1 from", p.Read("target/compiled/constructs/models/marts/orders_incremental.sql"), StringComparison.Ordinal);

        // doc() in a column description and Jinja in a model description render into manifest.json (the docs site's input).
        using var manifest = JsonDocument.Parse(p.Read("target/manifest.json"));
        var nodes = manifest.RootElement.GetProperty("nodes");
        Assert.Equal("Amount in **dollars**, exact to the cent.", nodes.GetProperty("model.constructs.stg_payments").GetProperty("columns").GetProperty("amount").GetProperty("description").GetString());
        Assert.Equal("Summary built with card and cash", nodes.GetProperty("model.constructs.payment_summary").GetProperty("description").GetString());
    }

    [Fact]
    public void Enabling_the_legacy_folder_through_the_var_makes_its_broken_ref_an_error()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("compile", "--vars", "{include_legacy: true}");
        Assert.Equal(2, exit);
        Assert.Contains("models/legacy/old_model.sql(1,18): error NG0020", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enabled_python_model_is_an_error_naming_the_file()
    {
        var files = Files();
        files["models/schema.yml"] = files["models/schema.yml"].Replace("    config:\n      enabled: false\n", string.Empty, StringComparison.Ordinal);
        using var p = new TestProject(files);
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("models/ml_scores.py(1,1): error NG0070: Python models are not supported by ngdbt: 'models/ml_scores.py'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exposures_metrics_semantic_models_and_saved_queries_are_carried_into_the_manifest()
    {
        using var p = new TestProject(Files());
        var loaded = Ngdbt.Load.ProjectLoader.Load(new Ngdbt.Load.LoadOptions(p.Root));
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var built = Ngdbt.Manifest.ManifestBuilder.Build(loaded.Project!);
        Assert.True(built.Success, string.Join("\n", built.Diagnostics));
        Assert.Equal(["exposure:finance_dashboard", "metric:total_revenue", "saved_query:revenue_by_day", "semantic_model:payments"],
            built.Manifest!.Declared.Select(d => $"{d.Kind}:{d.Name}").Order(StringComparer.Ordinal));
        Assert.Equal("dashboard", built.Manifest.Declared.Single(d => d.Kind == "exposure").Properties["type"]);
        Assert.Contains(built.Diagnostics, d => d.Code == "NG0029" && d.Message.Contains("semantic_model(s) (payments) are carried into the manifest", StringComparison.Ordinal));
        Assert.Equal("Amount in **dollars**, exact to the cent.", built.Manifest.Docs["amount_doc"]);
    }

    [Fact]
    public void A_project_generate_alias_name_renames_relations()
    {
        var files = Files();
        files["macros/alias.sql"] = "{% macro generate_alias_name(custom_alias_name=none, node=none) -%}\n{{ 'v_' ~ node.name if node.resource_type == 'model' else node.name }}\n{%- endmacro %}\n";
        using var p = new TestProject(files);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(1L, Convert.ToInt64(p.Scalar("select count(*) from information_schema.tables where table_name = 'v_payment_summary' and table_schema = 'marts'"), CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(p.Scalar("select count(*) from information_schema.tables where table_name = 'raw_payments'"), CultureInfo.InvariantCulture));
    }
}
