using System.Globalization;
using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`ngdbt source freshness` over file sources (the newest loaded_at_field in the files themselves):
/// pass / warn / error against warn_after and error_after, `filter`, target/sources.json, `build` warning on a
/// stale extract, and `source_status:fresher+` against a previous sources.json.</summary>
public sealed class FreshnessTests
{
    private static string Csv(params double[] hoursAgo)
        => "id,loaded_at\n" + string.Join("\n", hoursAgo.Select((h, i) => $"{i + 1},{DateTime.UtcNow.AddHours(-h).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}")) + "\n";

    private static string Table(string name, string freshness)
        => $"      - name: {name}\n        loaded_at_field: loaded_at\n        freshness: {freshness}\n        meta:\n          external_location: \"data/{name}.csv\"\n          format: csv\n        columns:\n          - {{name: id, data_type: BIGINT}}\n          - {{name: loaded_at, data_type: TIMESTAMP}}\n";

    private static Dictionary<string, string> Files() => new()
    {
        ["data/fresh.csv"] = Csv(1, 30),
        ["data/late.csv"] = Csv(48),
        ["data/stale.csv"] = Csv(24 * 30),
        ["data/filtered.csv"] = Csv(1, 72),
        ["models/sources.yml"] = "sources:\n  - name: raw\n    freshness: {warn_after: {count: 1, period: day}, error_after: {count: 7, period: day}}\n    tables:\n"
            + Table("fresh", "{warn_after: {count: 12, period: hour}}")
            + Table("late", "{warn_after: {count: 1, period: day}, error_after: {count: 7, period: day}}")
            + Table("stale", "{warn_after: {count: 1, period: day}, error_after: {count: 7, period: day}}")
            + Table("filtered", "{warn_after: {count: 1, period: day}, filter: \"id = 2\"}"),
        ["models/uses_fresh.sql"] = "select id from {{ source('raw', 'fresh') }}",
        ["models/uses_late.sql"] = "select id from {{ source('raw', 'late') }}",
    };

    private static Dictionary<string, string> Statuses(TestProject p)
    {
        using var doc = JsonDocument.Parse(p.Read("target/sources.json"));
        return doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    [Fact]
    public void Pass_warn_error_and_filter_and_sources_json()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("source", "freshness");
        Assert.True(exit == 1, output);
        Assert.Contains("PASS freshness of raw.fresh", output, StringComparison.Ordinal);
        Assert.Contains("warning NG0107: source 'raw.late' is stale (warn)", output, StringComparison.Ordinal);
        Assert.Contains("error NG0107: source 'raw.stale' is stale (error)", output, StringComparison.Ordinal);
        Assert.Contains("warning NG0107: source 'raw.filtered' is stale (warn)", output, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string>
        {
            ["source.proj.raw.fresh"] = "pass",
            ["source.proj.raw.late"] = "warn",
            ["source.proj.raw.stale"] = "error",
            ["source.proj.raw.filtered"] = "warn",
        }, Statuses(p));

        using var doc = JsonDocument.Parse(p.Read("target/sources.json"));
        var late = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("unique_id").GetString() == "source.proj.raw.late");
        Assert.InRange(late.GetProperty("max_loaded_at_time_ago_in_s").GetDouble(), 47 * 3600, 49 * 3600);
        Assert.Equal(7, late.GetProperty("criteria").GetProperty("error_after").GetProperty("count").GetInt32());

        // Only the fresh one selected: success.
        (exit, output) = p.Run("source", "freshness", "-s", "source:raw.fresh");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Build_warns_about_a_stale_extract_and_builds()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("build", "-s", "uses_late");
        Assert.True(exit == 0, output);
        Assert.Contains("warning NG0107: source 'raw.late' is stale (warn)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("raw.stale", output, StringComparison.Ordinal);
        Assert.Equal(1L, p.Scalar("select count(*) from main.uses_late"));
    }

    [Fact]
    public void Source_status_fresher_selects_sources_with_newer_data_and_their_children()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        p.Run("source", "freshness");
        StateSelectionTests.CopyDir(Path.Combine(p.Root, "target"), Path.Combine(p.Root, "prev"));
        p.Write("data/late.csv", Csv(48, 0.5));
        p.Run("source", "freshness");
        var (exit, output) = p.Run("ls", "-s", "source_status:fresher+", "--state", Path.Combine(p.Root, "prev"), "--output", "name");
        Assert.True(exit == 0, output);
        var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["late", "uses_late"], names);
    }

    [Fact]
    public void Freshness_without_loaded_at_field_is_an_error()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["data/a.csv"] = Csv(1),
            ["models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: a\n        freshness: {warn_after: {count: 1, period: fortnight}}\n        meta:\n          external_location: \"data/a.csv\"\n          format: csv\n",
        });
        var (exit, output) = p.Run("source", "freshness");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0106: source 'raw.a' declares freshness but no loaded_at_field", output, StringComparison.Ordinal);
    }
}
