using NeoGlobal.DataGen;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The NeoGlobal project itself (models/, seeds/, tests/, macros/ of this repository) run on freshly generated
/// data and scored against the generator's ground truth: every anomaly found and classified, no false positives,
/// leakage equal to the cent, at several seeds and rates.</summary>
public sealed class ReconciliationEvaluationTests
{
    public static TheoryData<int, decimal> Cases() => new()
    {
        { 42, 1m },
        { 7, 1m },
        { 2026, 3m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reconciliation_matches_ground_truth(int seed, decimal rateMultiplier)
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var defaults = new AnomalyRates();
        var rates = new AnomalyRates(
            defaults.MissingInErp * rateMultiplier,
            defaults.AmountMismatch * rateMultiplier,
            defaults.TimingDrift * rateMultiplier,
            defaults.MetadataMismatch * rateMultiplier,
            defaults.DuplicateInErp * rateMultiplier,
            defaults.OrphanInErp * rateMultiplier);
        var report = NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 30_000, Seed: seed, BatchSize: 10_000, Rates: rates, Events: 2_000));

        var exit = NeoGlobal.Cli.Program.App().Run(["build", "--project-dir", project.Root, "--threads", "2"]);
        Assert.Equal(0, exit);

        var evaluation = GroundTruthEvaluator.Evaluate(project.Warehouse, Path.Combine(project.Root, "data", "ground_truth"));
        Assert.True(evaluation.Perfect, string.Join("\n", evaluation.Examples.Prepend($"false positives {evaluation.FalsePositives}, leakage {evaluation.ReconciledLeakage} vs {evaluation.ExpectedLeakage}")));
        Assert.Equal(report.ExpectedTotalLeakage, evaluation.ReconciledLeakage);
        Assert.Equal(report.AnomalyCounts.Values.Sum(), evaluation.Scores.Sum(s => s.Found));
        Assert.All(evaluation.Scores, s => Assert.True(s.Injected > 0, $"{s.AnomalyType} was not injected"));
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
