namespace NeoGlobal.DataGen.Tests;

public sealed class DeterminismTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    private const string Fingerprint = """
        SELECT (SELECT md5(string_agg(CAST(s AS VARCHAR), '|' ORDER BY s.id)) FROM stripe s)
            || (SELECT md5(string_agg(CAST(n AS VARCHAR), '|' ORDER BY n.internal_id)) FROM netsuite n)
        """;

    [Fact]
    public void SameSeedGivesByteIdenticalGroundTruthAndIdenticalRows()
    {
        var again = Path.Combine(Path.GetTempPath(), "ngdg-" + Guid.NewGuid().ToString("N"));
        try
        {
            NeoGlobalGenerator.Run(data.Options with { OutputDir = again });
            Assert.Equal(File.ReadAllBytes(Path.Combine(data.Root, "ground_truth", "anomalies.csv")),
                File.ReadAllBytes(Path.Combine(again, "ground_truth", "anomalies.csv")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(data.Root, "ground_truth", "summary.json")),
                File.ReadAllBytes(Path.Combine(again, "ground_truth", "summary.json")));
            foreach (var file in Directory.GetFiles(Path.Combine(data.Root, "raw", "stripe_events")))
            {
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(again, "raw", "stripe_events", Path.GetFileName(file))));
            }

            using var a = data.Open();
            using var b = Db.OpenViews(again);
            Assert.Equal(Db.Scalar<string>(a, Fingerprint), Db.Scalar<string>(b, Fingerprint));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void DifferentSeedGivesDifferentData()
    {
        var other = Path.Combine(Path.GetTempPath(), "ngdg-" + Guid.NewGuid().ToString("N"));
        try
        {
            NeoGlobalGenerator.Run(data.Options with { OutputDir = other, Seed = data.Options.Seed + 1 });
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(data.Root, "ground_truth", "anomalies.csv")),
                File.ReadAllBytes(Path.Combine(other, "ground_truth", "anomalies.csv")));
            using var a = data.Open();
            using var b = Db.OpenViews(other);
            Assert.NotEqual(Db.Scalar<string>(a, Fingerprint), Db.Scalar<string>(b, Fingerprint));
            Db.Exec(a, $"ATTACH ':memory:' AS o; CREATE TABLE o.ids AS SELECT id FROM read_parquet('{Path.Combine(other, "raw", "stripe", "charges", "*", "*.parquet")}')");
            Assert.Equal(0L, Db.Scalar<long>(a, "SELECT count(*) FROM stripe s JOIN o.ids USING (id)"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }
}
