using System.Globalization;
using System.Text;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The brief's path through the CLI: a sample of perfect pairs, `generate --fit`, `generate --model`, then the
/// project's reconciliation scored against the ground truth must still be perfect.</summary>
public sealed class FittedModelReconciliationTests
{
    private static int Ngdbt(params string[] args) => NeoGlobal.Cli.Program.App().Run(args);

    [Fact]
    public void Seed_sample_fit_and_model_data_reconcile_perfectly()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        Assert.Equal(0, Ngdbt("generate", "--seed-sample", "--out", "sample", "--project-dir", project.Root));
        Assert.Equal(0, Ngdbt("generate", "--fit", "sample", "--model", "sample/model.json", "--out", "sample", "--project-dir", project.Root));
        Assert.True(File.Exists(Path.Combine(project.Root, "sample", "fidelity.md")));
        AssertPerfect(project, "sample/model.json", seed: 11);
    }

    [Fact]
    public void A_sample_whose_postings_cross_midnight_still_reconciles_perfectly()
    {
        // Joined pairs posted 0-20 h after billing (often the next day): the learned rule is "under 24 h, same month".
        using var project = NeoGlobalProject.CopyToTemp();
        var rng = new Random(5);
        var csv = new StringBuilder("id,object,customer_id,plan_id,product_line,description,amount,created,tran_date,metadata_external_id\n");
        var start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 2_000; i++)
        {
            var created = start.AddSeconds(rng.Next(0, 90 * 86_400));
            var posted = created.AddSeconds(rng.Next(0, 20 * 3_600));
            var usage = rng.Next(3) == 0;
            var cents = usage ? 100 + rng.Next(500_000) : 7_900;
            csv.Append(CultureInfo.InvariantCulture, $"ch_{i:D24},charge,cus_{rng.Next(100_000):D14},{(usage ? "usage_x,usage,Usage X" : "plan_y,subscription,Plan Y")},")
               .Append(CultureInfo.InvariantCulture, $"{cents / 100}.{cents % 100:D2},{created:yyyy-MM-dd HH:mm:ss},{posted:yyyy-MM-dd HH:mm:ss},REF-{i + 1:D6}\n");
        }

        File.WriteAllText(Path.Combine(project.Root, "pairs.csv"), csv.ToString());
        Assert.Equal(0, Ngdbt("generate", "--fit", "pairs.csv", "--model", "pairs.model.json", "--out", "fit", "--project-dir", project.Root));
        Assert.Contains("\"post_same_utc_day\": false", File.ReadAllText(Path.Combine(project.Root, "pairs.model.json")), StringComparison.Ordinal);
        AssertPerfect(project, "pairs.model.json", seed: 12);
    }

    [Fact]
    public void A_model_of_another_version_is_a_usage_error()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        File.WriteAllText(Path.Combine(project.Root, "v9.json"), """{"version": 9}""");
        Assert.Equal(2, Ngdbt("generate", "--model", "v9.json", "--rows", "1000", "--project-dir", project.Root));
        Assert.Equal(2, Ngdbt("generate", "--fit", "missing-sample", "--model", "m.json", "--project-dir", project.Root));
        Assert.False(File.Exists(Path.Combine(project.Root, "m.json")));
    }

    private static void AssertPerfect(NeoGlobalProject project, string model, int seed)
    {
        Assert.Equal(0, Ngdbt("generate", "--model", model, "--rows", "30000", "--batch-size", "10000", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--project-dir", project.Root));
        Assert.Equal(0, Ngdbt("build", "--project-dir", project.Root, "--threads", "2"));
        var evaluation = GroundTruthEvaluator.Evaluate(project.Warehouse, Path.Combine(project.Root, "data", "ground_truth"));
        Assert.True(evaluation.Perfect, string.Join("\n", evaluation.Examples.Prepend($"false positives {evaluation.FalsePositives}, leakage {evaluation.ReconciledLeakage} vs {evaluation.ExpectedLeakage}; "
            + string.Join(", ", evaluation.Scores.Select(s => $"{s.AnomalyType} {s.Found}/{s.DetailCorrect}/{s.DeltaCorrect} of {s.Injected}")))));
        Assert.All(evaluation.Scores, s => Assert.True(s.Injected > 0, $"{s.AnomalyType} was not injected"));
    }
}
