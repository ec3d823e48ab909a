using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ngfit-" + Guid.NewGuid().ToString("N"));

    public ModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AModelRoundTripsThroughItsJsonFile()
    {
        var model = Synthesizer.FitTable(FitRecoveryTests.KnownSample(2_000, 1), "known", 3);
        var path = Path.Combine(_dir, "m.json");
        ModelFile.Save(model, path);
        var back = ModelFile.Load(path);
        Assert.Equal(model.Correlation, back.Correlation);
        Assert.Equal(model.Amount.Parameters, back.Amount.Parameters);
        Assert.Equal(model.Plans, back.Plans);
        Assert.Equal(model.Reference, back.Reference);
        Assert.Equal(3, back.Rules.SamplePairsExcluded);
        Assert.Contains("\"version\": 1", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.InRange(new FileInfo(path).Length, 1_000, 200_000);   // small and readable
    }

    [Fact]
    public void AnotherVersionIsRejectedWithAClearMessage()
    {
        var path = Path.Combine(_dir, "v2.json");
        File.WriteAllText(path, """{"version": 2, "copula_columns": []}""");
        var e = Assert.Throws<SynthesisException>(() => ModelFile.Load(path));
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("reads version 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not valid model JSON")]
    [InlineData("""{"version": 1, "copula_columns": ["created"]}""", "incomplete")]
    public void BrokenModelsAreRejectedWithAClearMessage(string text, string expected)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, text);
        Assert.Contains(expected, Assert.Throws<SynthesisException>(() => ModelFile.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingModelFileIsRejectedBeforeAnythingIsWritten()
    {
        var outDir = Path.Combine(_dir, "out");
        var e = Assert.Throws<SynthesisException>(() => NeoGlobalGenerator.Run(new GeneratorOptions(outDir, 100, Model: Path.Combine(_dir, "nope.json"))));
        Assert.Contains("model file not found", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void MissingSamplesAndUnknownColumnsAreClearErrors()
    {
        Assert.Contains("sample not found", Assert.Throws<SynthesisException>(() => SampleReader.Read(Path.Combine(_dir, "none"))).Message, StringComparison.Ordinal);
        var csv = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(csv, "id,object,amount,created\nch_1,charge,1.00,2025-01-01 00:00:00\n");
        var e = Assert.Throws<SynthesisException>(() => SampleReader.Read(csv));
        Assert.Contains("lacks column(s) customer_id, plan_id, product_line, tran_date", e.Message, StringComparison.Ordinal);
        File.WriteAllText(csv, "id,object,customer_id,plan_id,product_line,amount,created,tran_date\n" +
            "ch_1,payout,cus_1,p,usage,1.00,2025-01-01 00:00:00,2025-01-01 01:00:00\nch_2,charge,cus_2,p,usage,2.00,2025-01-02 00:00:00,2025-01-02 01:00:00\n");
        var (table, _) = SampleReader.Read(csv);
        Assert.Contains("'payout'", Assert.Throws<SynthesisException>(() => Synthesizer.FitTable(table, "x", 0)).Message, StringComparison.Ordinal);
    }
}
