using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

/// <summary>The brief's path: 100 perfect pairs, fit, generate from the model with anomalies and ground truth.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ngfit-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SeedSampleFitAndGenerateKeepAnomaliesGroundTruthAndPairRules()
    {
        var sampleDir = Path.Combine(_dir, "sample");
        var modelPath = Path.Combine(_dir, "model.json");
        var seed = Synthesizer.WriteSeedSample(sampleDir);
        Assert.Equal(100, seed.StripeRows);
        Assert.Equal(100, seed.NetsuiteRows);
        Assert.All(seed.AnomalyCounts.Values, c => Assert.Equal(0, c));

        var fit = Synthesizer.Fit(new FitOptions(sampleDir, modelPath, sampleDir, FidelityRows: 20_000));
        Assert.Equal(100, fit.SampleRows);
        Assert.Equal(0, fit.ExcludedPairs);
        Assert.True(File.Exists(Path.Combine(sampleDir, "fidelity.json")));
        Assert.Contains("| plan_id | TVD |", File.ReadAllText(fit.FidelityPath!), StringComparison.Ordinal);

        var outDir = Path.Combine(_dir, "data");
        var options = new GeneratorOptions(outDir, 20_000, Seed: 3, BatchSize: 4_000, Rates: new AnomalyRates().WithoutShapes(), Events: 1_000, Model: modelPath);
        var report = NeoGlobalGenerator.Run(options);
        Assert.Equal(20_000, report.StripeRows);
        Assert.Equal(400, report.AnomalyCounts["missing_in_erp"]);
        Assert.Equal(20, report.AnomalyCounts["orphan_in_erp"]);
        Assert.Equal(20_000 - 400 + 40 + 20, report.NetsuiteRows);

        using var c = Db.OpenViews(outDir);
        // Clean pairs: exactly one ledger line, the billing amount exactly, posted on the billing day.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe s JOIN netsuite n ON n.external_id = s.id
            WHERE s.id NOT IN (SELECT record_id FROM truth) AND (n.credit_usd <> s.amount OR CAST(n.tran_date AS DATE) <> CAST(s.created AS DATE))
            """));
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe s WHERE s.id NOT IN (SELECT record_id FROM truth)
              AND (SELECT count(*) FROM netsuite n WHERE n.external_id = s.id) <> 1
            """));
        // Shapes learned from the sample: id patterns, the plan list, the period.
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM stripe WHERE NOT regexp_full_match(id, '(ch|in)_[0-9A-Za-z]{24}') OR NOT regexp_full_match(customer_id, 'cus_[0-9A-Za-z]{14}')"));
        Assert.Equal(20_000L, Db.Scalar<long>(c, "SELECT count(DISTINCT lower(id)) FROM stripe"));
        var model = ModelFile.Load(modelPath);
        Assert.Equal(0L, Db.Scalar<long>(c, $"SELECT count(*) FROM stripe WHERE plan_id NOT IN ({string.Join(',', model.Plans.Select(p => $"'{p.PlanId}'"))})"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM stripe WHERE created < TIMESTAMP '2025-01-01' OR created >= TIMESTAMP '2026-01-01' OR amount <= 0"));
        // Money stays whole cents.
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM stripe WHERE amount * 100 <> round(amount * 100)"));

        // Same seed, same data; the ground truth is byte-identical.
        var again = Path.Combine(_dir, "again");
        NeoGlobalGenerator.Run(options with { OutputDir = again });
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "ground_truth", "anomalies.csv")), File.ReadAllBytes(Path.Combine(again, "ground_truth", "anomalies.csv")));
        using var d = Db.OpenViews(again);
        const string fingerprint = "SELECT md5(string_agg(CAST(s AS VARCHAR), '|' ORDER BY s.id)) FROM stripe s";
        Assert.Equal(Db.Scalar<string>(c, fingerprint), Db.Scalar<string>(d, fingerprint));
    }
}
