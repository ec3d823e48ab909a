using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt show` on a 34-column model: the table keeps readable columns and says what it hid; csv/json print all.</summary>
public sealed class ShowOutputTests
{
    private static TestProject Wide()
    {
        var cols = string.Join(", ", Enumerable.Range(1, 33).Select(i => $"'value {i} with a fairly long text to see truncation' as column_{i:00}"));
        return new TestProject(new Dictionary<string, string>
        {
            ["models/wide.sql"] = $"{{{{ config(materialized: 'table') }}}}\nselect 12345.6700::DECIMAL(19,4) as amount, {cols}\n",
        });
    }

    [Fact]
    public void Table_fits_the_window_truncates_with_an_ellipsis_and_names_the_hidden_columns()
    {
        using var p = Wide();
        Assert.Equal(0, p.Run("run").Exit);
        var (exit, output) = p.Run("show", "--select", "wide");
        Assert.True(exit == 0, output);
        var tableLines = output.Split('\n').Where(l => l.StartsWith('│') || l.StartsWith('╭')).ToList();
        Assert.NotEmpty(tableLines);
        Assert.All(tableLines, l => Assert.True(l.TrimEnd().Length <= 200, $"{l.Length} wide: {l}"));
        Assert.Contains("12345.6700", output);
        Assert.Contains("…", output);
        Assert.DoesNotContain("│ v │", output); // no 1-character slivers
        var note = output.Split('\n').Single(l => l.Contains("more columns not shown", StringComparison.Ordinal));
        Assert.Contains("column_33", note);
        Assert.Contains("--output csv|json", note);
    }

    [Fact]
    public void Csv_json_and_columns_print_exactly_what_was_asked()
    {
        using var p = Wide();
        Assert.Equal(0, p.Run("run").Exit);
        var csv = p.Run("show", "--select", "wide", "--output", "csv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(34, csv[0].Split(',').Length);
        Assert.StartsWith("12345.6700,value 1 with a fairly long text to see truncation,", csv[1]);

        var json = p.Run("show", "--select", "wide", "--output", "json").Output;
        var rows = JsonDocument.Parse(json[json.IndexOf('[', StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("12345.6700", rows[0].GetProperty("amount").GetString());
        Assert.Equal(34, rows[0].EnumerateObject().Count());

        var (exit, picked) = p.Run("show", "--select", "wide", "--columns", "column_33,amount");
        Assert.True(exit == 0, picked);
        Assert.Matches(@"│ column_33\s+│ amount\s+│", picked);
        Assert.DoesNotContain("not shown", picked);

        var (bad, message) = p.Run("show", "--select", "wide", "--columns", "nope");
        Assert.Equal(2, bad);
        Assert.Contains("no column 'nope'", message);
    }
}
