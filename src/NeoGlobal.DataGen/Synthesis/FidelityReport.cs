using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>Computes the fidelity figures and writes <c>fidelity.md</c> and <c>fidelity.json</c>.</summary>
internal static class FidelityReport
{
    public static FidelityResult Compute(SampleTable sample, SynthesisModel model, int rows, int seed)
    {
        // Seed + 1: the synthetic rows and the baseline are fresh draws, never a replay of a sample the hand-set
        // generator itself wrote with the same seed (then the baseline shows that generator's own sampling noise).
        var options = new GeneratorOptions(Rows: rows, Seed: seed + 1, Events: 0, Start: model.PeriodStart, Months: model.Months);
        var fitted = RowSetup.FromModel(options, model).Collect();
        var handSet = RowSetup.HandSet(options).Collect();
        var columns = new List<ColumnFidelity>();
        foreach (var c in ColumnNames.NumericColumns)
        {
            var s = sample.Numeric(c);
            columns.Add(new ColumnFidelity(c, "ks", R(Fidelity.Ks(s, fitted.Numeric(c))), R(Fidelity.Ks(s, handSet.Numeric(c))), null, null));
        }

        var activity = Synthesizer.CustomerPositions(sample.CustomerId);
        columns.Add(new ColumnFidelity("customer_activity", "ks", R(Fidelity.Ks(activity, Synthesizer.CustomerPositions(fitted.CustomerId))),
            R(Fidelity.Ks(activity, Synthesizer.CustomerPositions(handSet.CustomerId))), null, null));
        foreach (var c in ColumnNames.CategoricalColumns)
        {
            var s = sample.Categorical(c);
            columns.Add(new ColumnFidelity(c, "tvd", R(Fidelity.Tvd(s, fitted.Categorical(c))), R(Fidelity.Tvd(s, handSet.Categorical(c))),
                R(Fidelity.Coverage(s, fitted.Categorical(c))), R(Fidelity.Coverage(s, handSet.Categorical(c)))));
        }

        var order = model.Plan.Values.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        var reference = Fidelity.ScoreCorrelation(sample, order);
        var families = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ColumnNames.Created] = model.Created.Family, [ColumnNames.Amount] = model.Amount.Family, [ColumnNames.PostingLag] = model.PostingLag.Family,
            ["customer_activity"] = "inverse Lorenz curve",
        };
        return new FidelityResult(sample.Count, rows, Fidelity.CorrelationColumns,
            R(Copula.MaxAbsDifference(reference, Fidelity.ScoreCorrelation(fitted, order))),
            R(Copula.MaxAbsDifference(reference, Fidelity.ScoreCorrelation(handSet, order))), [.. columns], families);
    }

    /// <summary>Writes both files into <paramref name="dir"/>; returns the Markdown path.</summary>
    public static string Write(FidelityResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var json = JsonSerializer.Serialize(r, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true });
        File.WriteAllText(Path.Combine(dir, "fidelity.json"), json + "\n");
        var md = new StringBuilder();
        md.AppendLine("# Fidelity: sample vs synthetic");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Sample: {r.SampleRows:N0} matched pairs; synthetic: {r.SyntheticRows:N0} rows from the fitted model and {r.SyntheticRows:N0} from the hand-set generator (baseline). Lower is closer; coverage = share of the sample's categories generated.");
        md.AppendLine();
        md.AppendLine("| column | statistic | fitted model | hand-set baseline | coverage (fitted / hand-set) | marginal |");
        md.AppendLine("|---|---|---:|---:|---|---|");
        foreach (var c in r.Columns)
        {
            var coverage = c.FittedCoverage is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f:P0} / {c.HandSetCoverage:P0}") : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Column} | {c.Statistic.ToUpperInvariant()} | {c.Fitted:0.0000} | {c.HandSet:0.0000} | {coverage} | {r.Families.GetValueOrDefault(c.Column, "categorical")} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Normal-score correlation matrix ({string.Join(", ", r.CorrelationColumns)}), max |Δ| vs the sample: fitted {r.CorrelationMaxAbsDiffFitted:0.0000}, hand-set {r.CorrelationMaxAbsDiffHandSet:0.0000}.");
        var path = Path.Combine(dir, "fidelity.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private static double R(double x) => Math.Round(x, 6);
}
