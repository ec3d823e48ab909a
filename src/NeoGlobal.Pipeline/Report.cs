using System.Globalization;
using DuckDB.NET.Data;
using Spectre.Console;

namespace NeoGlobal.Pipeline;

/// <summary>Prints the leakage headline and the evaluation. Money is formatted from decimals with 4 places, never via double.</summary>
internal static class Report
{
    public static string Money(decimal value) => "$" + value.ToString("#,##0.0000", CultureInfo.InvariantCulture);

    public static void PrintLeakage(string warehouse)
    {
        using var connection = new DuckDBConnection($"DataSource={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            select dimension, bucket, record_count, leakage_usd, ledger_overstatement_usd
            from main_marts.rpt_leakage_summary
            where dimension in ('overall', 'anomaly_type')
            order by dimension desc, leakage_usd desc, bucket
            """;
        using var reader = cmd.ExecuteReader();
        var table = new Table().Border(TableBorder.Rounded).Title("NeoGlobal reconciliation");
        table.AddColumns("Anomaly", "Records", "Leakage ($)", "Ledger overstatement ($)");
        decimal total = 0;
        while (reader.Read())
        {
            var overall = reader.GetString(0) == "overall";
            var leakage = reader.GetDecimal(3);
            if (overall)
            {
                total = leakage;
                continue;
            }

            table.AddRow(Markup.Escape(reader.GetString(1)), reader.GetInt64(2).ToString("N0", CultureInfo.InvariantCulture), Money(leakage), Money(reader.GetDecimal(4)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold]Total Leakage ($): {Markup.Escape(Money(total))}[/]  (billing amount missing in NetSuite + |variance| of amount mismatches)");
    }

    public static void PrintEvaluation(Evaluation e)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Against the ground truth (never read by the models)");
        table.AddColumns("Injected anomaly", "Injected", "Found", "Detail ok", "Delta ok", "FP", "Prec.", "Recall");
        foreach (var s in e.Scores)
        {
            table.AddRow(s.AnomalyType, N(s.Injected), N(s.Found), N(s.DetailCorrect), N(s.DeltaCorrect), N(s.FalsePositives), Pct(s.Precision), Pct(s.Recall));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"False positives: {e.FalsePositives:N0}");
        AnsiConsole.MarkupLine($"Leakage: reconciled {Markup.Escape(Money(e.ReconciledLeakage))}, ground truth {Markup.Escape(Money(e.ExpectedLeakage))}");
        AnsiConsole.MarkupLine($"Ledger overstatement: reconciled {Markup.Escape(Money(e.ReconciledOverstatement))}, ground truth {Markup.Escape(Money(e.ExpectedOverstatement))}");
        foreach (var example in e.Examples)
        {
            AnsiConsole.MarkupLine("  " + Markup.Escape(example));
        }

        AnsiConsole.MarkupLine(e.Perfect ? "[green]Every injected anomaly found and correctly classified; zero false positives; leakage and overstatement equal to the cent.[/]" : "[red]The reconciliation does not match the ground truth.[/]");
    }

    private static string Pct(decimal value) => (value * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
