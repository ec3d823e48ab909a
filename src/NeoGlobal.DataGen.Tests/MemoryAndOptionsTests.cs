namespace NeoGlobal.DataGen.Tests;

/// <summary>Measures the process's live heap, so it runs alone: the synthesis tests hold 1M sampled rows in memory.</summary>
[CollectionDefinition(nameof(HeapMeasuringCollection), DisableParallelization = true)]
public sealed class HeapMeasuringCollection;

[Collection(nameof(HeapMeasuringCollection))]
public sealed class MemoryAndOptionsTests
{
    private sealed class InlineProgress(Action<GenerationProgress> onReport) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => onReport(value);
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "ngdg-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void GeneratorHoldsAtMostTwoBatchBuffersAndLiveHeapDoesNotGrowWithRows()
    {
        var dir = TempDir();
        try
        {
            var diagnostics = new GeneratorDiagnostics();
            var live = new List<long>();
            var progress = new InlineProgress(p =>
            {
                if (p.Phase == "rows")
                {
                    live.Add(GC.GetTotalMemory(forceFullCollection: true));
                }
            });
            var options = new GeneratorOptions(dir, Rows: 300_000, BatchSize: 10_000, Events: 1_000);
            var report = GeneratorEngine.Run(options, progress, CancellationToken.None, diagnostics);

            // Refunds and disputes are extra Stripe rows.
            Assert.Equal(300_000 + report.AnomalyCounts["refund"] + report.AnomalyCounts["refund_missing_in_erp"], report.StripeRows);
            Assert.Equal(1_500, report.AnomalyCounts["refund"] + report.AnomalyCounts["refund_missing_in_erp"]);
            Assert.Equal(2, diagnostics.BuffersAllocated);
            Assert.Equal(10_000, diagnostics.BufferCapacity);
            Assert.InRange(diagnostics.MaxBatchesInFlight, 1, 2);
            Assert.Equal(30, live.Count);
            // Holding all 300k rows would take well over 100 MB of strings; two 10k-row buffers take a few MB.
            Assert.True(live.Max() < 96L << 20, $"live heap peaked at {live.Max() >> 20} MB");
            var early = live.Take(10).Max();
            var late = live.Skip(20).Max();
            Assert.True(late < early + (16L << 20), $"live heap grew from {early >> 20} MB to {late >> 20} MB");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CsvOptionWritesCsvNextToParquetWithTheSameRows()
    {
        var dir = TempDir();
        try
        {
            var report = NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 5_000, BatchSize: 2_000, Csv: true, Events: 100));
            using var c = Db.OpenViews(dir);
            var csv = Path.Combine(dir, "raw", "stripe", "charges", "*", "*.csv");
            Assert.Equal(report.StripeRows, Db.Scalar<long>(c, $"SELECT count(*) FROM read_csv('{csv}', header = true)"));
            Assert.Equal(0L, Db.Scalar<long>(c, $"""
                SELECT count(*) FROM (SELECT id, amount FROM stripe EXCEPT
                SELECT id, CAST(amount AS DECIMAL(19,4)) FROM read_csv('{csv}', header = true, all_varchar = true))
                """));
            var erpCsv = Path.Combine(dir, "raw", "netsuite", "transactions", "*", "*.csv");
            Assert.Equal(report.NetsuiteRows, Db.Scalar<long>(c, $"SELECT count(*) FROM read_csv('{erpCsv}', header = true)"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RerunIntoTheSameFolderReplacesOldFiles()
    {
        var dir = TempDir();
        try
        {
            NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 6_000, BatchSize: 1_000, Events: 100));
            var report = NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 3_000, BatchSize: 3_000, Events: 100));
            using var c = Db.OpenViews(dir);
            Assert.Equal(report.StripeRows, Db.Scalar<long>(c, "SELECT count(*) FROM stripe"));
            Assert.Equal(report.NetsuiteRows, Db.Scalar<long>(c, "SELECT count(*) FROM netsuite"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var dir = TempDir();
        Assert.Throws<ArgumentException>(() => NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 100,
            Rates: new AnomalyRates(MissingInErp: 0.7m, AmountMismatch: 0.4m))));
        Assert.Throws<ArgumentOutOfRangeException>(() => NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NeoGlobalGenerator.Run(new GeneratorOptions(dir, BatchSize: 0)));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        var dir = TempDir();
        try
        {
            using var cts = new CancellationTokenSource();
            var progress = new InlineProgress(p =>
            {
                if (p.Phase == "rows")
                {
                    cts.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                NeoGlobalGenerator.Run(new GeneratorOptions(dir, Rows: 50_000, BatchSize: 5_000, Events: 100), progress, cts.Token));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
