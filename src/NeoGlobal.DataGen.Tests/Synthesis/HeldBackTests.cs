using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

/// <summary>Acceptance: fit on one half of a source, sample 1M rows, compare with the held-back half.</summary>
public sealed class HeldBackTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void MillionSampledRowsAreWithinKs002OfTheHeldBackHalf() =>
        AssertWithinBounds(RowSetup.HandSet(new GeneratorOptions(Rows: 200_000, Seed: 5, Events: 0)).Collect());

    [Fact]
    public void MillionSampledRowsOfAParametricSourceAreWithinKs002OfTheHeldBackHalf() =>
        AssertWithinBounds(FitRecoveryTests.KnownSample(200_000, 31));

    private void AssertWithinBounds(SampleTable source)
    {
        var fit = source.Where(i => i % 2 == 0);
        var held = source.Where(i => i % 2 == 1);
        var model = Synthesizer.FitTable(fit, "hand-set", 0);
        var synthetic = RowSetup.FromModel(new GeneratorOptions(Rows: 1_000_000, Seed: 9, Events: 0), model).Collect();
        foreach (var column in ColumnNames.NumericColumns)
        {
            var ks = Fidelity.Ks(held.Numeric(column), synthetic.Numeric(column));
            log.WriteLine($"{column}: KS {ks:0.0000}");
            Assert.True(ks <= 0.02, $"{column}: KS {ks:0.0000} > 0.02 ({model.Created.Family}/{model.Amount.Family}/{model.PostingLag.Family})");
        }

        foreach (var column in ColumnNames.CategoricalColumns)
        {
            var tvd = Fidelity.Tvd(held.Categorical(column), synthetic.Categorical(column));
            log.WriteLine($"{column}: TVD {tvd:0.0000}");
            Assert.True(tvd <= 0.02, $"{column}: TVD {tvd:0.0000} > 0.02");
            Assert.Equal(1.0, Fidelity.Coverage(held.Categorical(column), synthetic.Categorical(column)));
        }
    }

    [Fact]
    public void TwoSampleStatisticsSeparateDifferentData()
    {
        Assert.Equal(0, Fidelity.Ks([1, 2, 3, 4], [4, 3, 2, 1]));
        Assert.Equal(1, Fidelity.Ks([1, 2], [3, 4]));
        Assert.Equal(0.5, Fidelity.Ks([1, 2, 3, 4], [3, 4, 5, 6]));
        Assert.Equal(0.5, Fidelity.Tvd(["a", "a", "b", "b"], ["a", "a", "a", "a"]));
        Assert.Equal(0.5, Fidelity.Coverage(["a", "b"], ["a", "c"]));
    }
}
