namespace NeoGlobal.DataGen.Tests;

public sealed class LayoutTests
{
    [Theory]
    [InlineData(20_000L, 4_000)]
    [InlineData(1_234_567L, 150_000)]
    [InlineData(999L, 7)]
    public void PerBatchQuotasAddUpToFloorOfRateTimesRows(long rows, int batchSize)
    {
        var layout = new BatchLayout(new GeneratorOptions(Rows: rows, BatchSize: batchSize, Events: 777));
        Assert.Equal(rows, Enumerable.Range(0, layout.BatchCount).Sum(b => (long)layout.RowCount(b)));
        foreach (var kind in AnomalyNames.All)
        {
            var total = Enumerable.Range(0, layout.BatchCount).Sum(b => (long)layout.Quota(kind, b));
            Assert.Equal((long)decimal.Floor(AnomalyNames.Rate(layout.Rates, kind) * rows), total);
        }

        Assert.Equal(777L, Enumerable.Range(0, layout.BatchCount).Sum(b => (long)layout.EventQuota(b)));
        // Unmatched rows of batches closer than 4 days never share a customer class.
        Assert.True(TimeSpan.FromTicks(layout.SlotTicks * batchSize * (layout.CustomerClasses - 1)) > TimeSpan.FromDays(4)
            || layout.CustomerClasses == 64);
    }

    [Fact]
    public void IdsAreUniqueAcrossStreamsAndIndexes()
    {
        var rng = new FastRng(1, 1, 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 50_000; i++)
        {
            Assert.True(seen.Add(IdCodec.Make("ch_", 1, IdCodec.StreamStripe, i, rng)[3..]));
            Assert.True(seen.Add(IdCodec.Make("ch_", 1, IdCodec.StreamOrphan, i, rng)[3..]));
        }

        // The encoded part alone is unique: same (stream, index) under a different random part still differs from others.
        var a = IdCodec.Make("ch_", 1, IdCodec.StreamStripe, 5, new FastRng(9, 9, 9));
        var b = IdCodec.Make("ch_", 1, IdCodec.StreamStripe, 5, new FastRng(8, 8, 8));
        Assert.Equal(a[^11..], b[^11..]);
        Assert.Equal(27, a.Length);
    }

    [Fact]
    public void UsageAmountsHaveALongTail()
    {
        var rng = new FastRng(3, 3, 3);
        var draws = Enumerable.Range(0, 100_000).Select(_ => Amounts.UsageCents(rng)).Order().ToArray();
        var median = draws[draws.Length / 2];
        var p99 = draws[draws.Length * 99 / 100];
        Assert.InRange(median, 8_000, 30_000);
        Assert.True(p99 > 10 * median, $"p99 {p99} median {median}");
        Assert.True(draws[0] >= 100);
    }
}
