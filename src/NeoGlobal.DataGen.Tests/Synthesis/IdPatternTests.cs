using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

public sealed class IdPatternTests
{
    [Fact]
    public void StripeIdsAreLearnedAsPrefixLengthAndBase62()
    {
        var rng = new FastRng(1, 1, 0);
        var ids = Enumerable.Range(0, 200).Select(i => IdCodec.Make("ch_", 1, IdCodec.StreamStripe, i, rng)).ToArray();
        var p = IdPattern.Learn(ids, "id");
        Assert.Equal("ch_", p.Prefix);
        Assert.Equal(27, p.Length);
        Assert.Equal(62, p.Alphabet.Length);
        Assert.False(p.Sequential);
    }

    [Fact]
    public void RowReferencesAreLearnedAsASequence()
    {
        var refs = Enumerable.Range(1, 100).Select(i => "SO-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var p = IdPattern.Learn(refs, "ref", sequence: true);
        Assert.Equal(new IdPattern("SO-", 10, "0123456789", true), p);
        Assert.Equal("SO-0001235", p.Make(1, 0, 1234, new FastRng(1, 1, 1)));
    }

    [Fact]
    public void AllDigitIdsOfSeveralStreamsStayRandomAndNeverCollideAcrossStreams()
    {
        var ids = Enumerable.Range(0, 100).Select(i => "ch_" + i.ToString("D24", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var p = IdPattern.Learn(ids, "id");
        Assert.False(p.Sequential);
        Assert.Equal("0123456789", p.Alphabet);
        var rng = new FastRng(4, 4, 4);
        var billing = Enumerable.Range(0, 50_000).Select(i => p.Make(4, IdCodec.StreamStripe, i, rng)).ToHashSet();
        var orphans = Enumerable.Range(0, 50_000).Select(i => p.Make(4, IdCodec.StreamOrphan, i, rng)).ToArray();
        Assert.Equal(50_000, billing.Count);
        Assert.DoesNotContain(orphans, billing.Contains);
        Assert.All(orphans.Take(100), id => Assert.Matches("^ch_[0-9]{24}$", id));
    }

    [Fact]
    public void GeneratedIdsFollowThePatternAndStayUniqueAfterLowerCasing()
    {
        var p = new IdPattern("cust-", 17, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", false);
        var rng = new FastRng(9, 9, 9);
        var ids = Enumerable.Range(0, 200_000).Select(i => p.Make(9, 1, i, rng)).ToArray();
        Assert.All(ids.Take(1_000), id => Assert.Matches("^cust-[0-9A-Za-z]{12}$", id));
        Assert.Equal(ids.Length, ids.Select(id => id.ToLowerInvariant()).Distinct().Count());
        var other = Enumerable.Range(0, 1_000).Select(i => p.Make(9, 2, i, rng));
        Assert.Empty(other.Intersect(ids));
    }

    [Fact]
    public void TooShortPatternsGrowToTheShortestUniqueLength()
    {
        var p = new IdPattern("x", 4, "0123456789abcdef", false);
        var id = p.Make(1, 1, 5, new FastRng(1, 1, 1));
        Assert.Equal(1 + 12, id.Length);   // 48 bits in hex
        Assert.NotEqual(id, p.Make(1, 1, 6, new FastRng(1, 1, 1)));
    }
}
