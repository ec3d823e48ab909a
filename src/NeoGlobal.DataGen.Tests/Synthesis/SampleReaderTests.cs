using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

/// <summary>Reading samples: a full generated data set (its anomalies are not perfect pairs), or two side files.</summary>
public sealed class SampleReaderTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    [Fact]
    public void AGeneratedFolderYieldsExactlyItsCleanPairs()
    {
        var (table, excluded) = SampleReader.Read(data.Root);
        // Every row anomaly breaks its pair (missing, amount, >24 h drift, id or customer changed, a second posting).
        var rowAnomalies = data.Report.AnomalyCounts.Where(kv => kv.Key != "orphan_in_erp").Sum(kv => kv.Value);
        Assert.Equal(GeneratedDataFixture.Rows - rowAnomalies, table.Count);
        Assert.Equal(rowAnomalies, excluded);
        Assert.All(table.LagSeconds, l => Assert.InRange(l, 0, 6 * 3_600));
        Assert.Equal(table.Count, table.Id.Distinct().Count());
        using var c = data.Open();
        var clean = Db.Scalar<decimal>(c, "SELECT sum(amount) FROM stripe WHERE id NOT IN (SELECT record_id FROM truth)");
        Assert.Equal(clean * 100, table.AmountCents.Sum());   // exact cents
    }

    [Fact]
    public void TwoSideFilesAreJoinedLikeTheFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ngfit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var stripe = Path.Combine(dir, "stripe.parquet");
            var erp = Path.Combine(dir, "netsuite.csv");
            using (var c = data.Open())
            {
                Db.Exec(c, $"COPY (SELECT * FROM stripe) TO '{stripe}' (FORMAT parquet)");
                Db.Exec(c, $"COPY (SELECT * FROM netsuite) TO '{erp}' (FORMAT csv, HEADER)");
            }

            var (fromFolder, _) = SampleReader.Read(data.Root);
            var (fromFiles, excluded) = SampleReader.Read(stripe + "," + erp);
            Assert.Equal(fromFolder.Count, fromFiles.Count);
            Assert.Equal(fromFolder.AmountCents.Sum(), fromFiles.AmountCents.Sum());
            Assert.Equal(fromFolder.LagSeconds.Sum(), fromFiles.LagSeconds.Sum());
            Assert.Equal(GeneratedDataFixture.Rows - fromFiles.Count, excluded);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
