using NeoGlobal.DataGen;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The NeoGlobal project itself (models/, seeds/, tests/, macros/ of this repository) run on freshly generated
/// data and scored against the generator's ground truth: every anomaly found and classified, no false positives,
/// leakage and ledger overstatement equal to the cent, at three seeds, each with the real-world shapes (split and
/// consolidated postings, refunds, disputes, fees, FX, sub-cent) at their default rates and at rate 0.</summary>
public sealed class ReconciliationEvaluationTests
{
    private static readonly string[] ShapeClasses =
        ["split_posting", "consolidated_posting", "refund", "refund_missing_in_erp", "fee_netting", "fx_difference", "rounding_difference"];

    public static TheoryData<int, decimal, decimal> Cases() => new()
    {
        { 42, 1m, 1m },
        { 7, 1m, 1m },
        { 2026, 3m, 1m },
        { 42, 1m, 0m },
        { 7, 1m, 0m },
        { 2026, 3m, 0m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reconciliation_matches_ground_truth(int seed, decimal rateMultiplier, decimal shapesScale)
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var defaults = new AnomalyRates().WithShapes(shapesScale);
        var rates = defaults with
        {
            MissingInErp = defaults.MissingInErp * rateMultiplier,
            AmountMismatch = defaults.AmountMismatch * rateMultiplier,
            TimingDrift = defaults.TimingDrift * rateMultiplier,
            MetadataMismatch = defaults.MetadataMismatch * rateMultiplier,
            DuplicateInErp = defaults.DuplicateInErp * rateMultiplier,
            OrphanInErp = defaults.OrphanInErp * rateMultiplier,
        };
        var report = NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 30_000, Seed: seed, BatchSize: 10_000, Rates: rates, Events: 2_000));

        var exit = NeoGlobal.Cli.Program.App().Run(["build", "--project-dir", project.Root, "--threads", "2"]);
        Assert.Equal(0, exit);

        var evaluation = GroundTruthEvaluator.Evaluate(project.Warehouse, Path.Combine(project.Root, "data", "ground_truth"));
        Assert.True(evaluation.Perfect, string.Join("\n", evaluation.Examples.Prepend($"false positives {evaluation.FalsePositives}, leakage {evaluation.ReconciledLeakage} vs {evaluation.ExpectedLeakage}")));
        Assert.Equal(report.ExpectedTotalLeakage, evaluation.ReconciledLeakage);
        Assert.Equal(report.AnomalyCounts.Values.Sum(), evaluation.Scores.Sum(s => s.Found));
        Assert.All(evaluation.Scores, s => Assert.True(s.Injected > 0, $"{s.AnomalyType} was not injected"));
        Assert.All(evaluation.Scores, s => Assert.True(s.Precision == 1m && s.Recall == 1m, $"{s.AnomalyType}: precision {s.Precision}, recall {s.Recall}"));
        Assert.Equal(evaluation.ExpectedOverstatement, evaluation.ReconciledOverstatement);
        var scored = evaluation.Scores.Select(s => s.AnomalyType).ToHashSet();
        Assert.All(ShapeClasses, c => Assert.Equal(shapesScale > 0, scored.Contains(c)));
    }

    public static TheoryData<string, string, string, string> Sabotages() => new()
    {
        // Split postings matched on their first line only: a mismatch plus double postings, counted as leakage.
        { "int_recon_matches.sql", "then 'aggregate_id' else 'exact_id' end", "then 'exact_id' else 'exact_id' end", "split_posting" },
        // No N:1 rung: consolidated charges missing in the ERP, their line an orphan.
        { "int_consolidated_matches.sql", "on {{ consolidation_candidate('b', 'e') }}", "on false", "consolidated_posting" },
        // Refunds treated like charges: a refund without its credit memo becomes "missing in ERP" (negative leakage).
        { "fct_reconciliation.sql", "when is_unposted and is_reversal then 'refund_missing_in_erp'", "when false then 'refund_missing_in_erp'", "refund_missing_in_erp" },
    };

    [Theory]
    [MemberData(nameof(Sabotages))]
    public void Evaluator_fails_a_sabotaged_shape_rule(string model, string rule, string sabotage, string shapeClass)
    {
        using var project = NeoGlobalProject.CopyToTemp();
        NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 20_000, Seed: 5, BatchSize: 10_000, Events: 500));
        var path = Path.Combine(project.Root, "models", "integrity", model);
        var sql = File.ReadAllText(path);
        Assert.Contains(rule, sql, StringComparison.Ordinal);
        File.WriteAllText(path, sql.Replace(rule, sabotage, StringComparison.Ordinal));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["seed", "--project-dir", project.Root]));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["run", "--project-dir", project.Root]));

        var evaluation = GroundTruthEvaluator.Evaluate(project.Warehouse, Path.Combine(project.Root, "data", "ground_truth"));
        Assert.False(evaluation.Perfect);
        var score = evaluation.Scores.Single(s => s.AnomalyType == shapeClass);
        Assert.True(score.Recall < 1m, $"{shapeClass}: recall {score.Recall}");
        Assert.True(evaluation.FalsePositives > 0 || evaluation.Scores.Any(s => s.FalsePositives > 0), "no false positive reported");
        Assert.True(evaluation.ReconciledLeakage != evaluation.ExpectedLeakage || evaluation.ReconciledOverstatement != evaluation.ExpectedOverstatement,
            "the money still ties out");
    }

    [Fact]
    public void Evaluator_detects_a_misclassified_record()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 10_000, Seed: 3, BatchSize: 10_000, Events: 500));

        // Sabotage the ladder: without the normalized-id rung, id_case/id_whitespace/id_prefix rows are misclassified.
        var matches = Path.Combine(project.Root, "models", "integrity", "int_recon_matches.sql");
        File.WriteAllText(matches, File.ReadAllText(matches).Replace("inner join erp_left_1 as e on e.match_key = b.match_key", "inner join erp_left_1 as e on false", StringComparison.Ordinal));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["seed", "--project-dir", project.Root]));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["run", "--project-dir", project.Root]));

        var evaluation = GroundTruthEvaluator.Evaluate(project.Warehouse, Path.Combine(project.Root, "data", "ground_truth"));
        // The fuzzy rung still pairs those rows (same customer, amount and day), so no revenue is lost, but they are
        // now labelled as missing ids: the evaluator must catch the wrong classification.
        Assert.False(evaluation.Perfect);
        var metadata = evaluation.Scores.Single(s => s.AnomalyType == "metadata_mismatch");
        Assert.True(metadata.DetailCorrect < metadata.Injected, $"{metadata.DetailCorrect} of {metadata.Injected}");
        Assert.Contains(evaluation.Examples, e => e.Contains("expected metadata_mismatch/id_", StringComparison.Ordinal));
    }
}
