using Ngdbt.Docs.DuckDb;

namespace Ngdbt.Docs.Tests;

/// <summary>Generates the reconciliation fixture site once per test class.</summary>
public sealed class SiteFixture : IDisposable
{
    public SiteFixture()
    {
        OutputDir = Path.Combine(Path.GetTempPath(), "ngdbt-docs-" + Guid.NewGuid().ToString("N"));
        using var parser = new DuckDbParseTreeProvider();
        Result = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = FixtureDir, OutputDir = OutputDir, ReuseLineage = false }, parser);
    }

    public static string FixtureDir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "recon");

    public string OutputDir { get; }

    public DocsResult Result { get; }

    public string Read(string relative) => File.ReadAllText(Path.Combine(OutputDir, relative));

    public void Dispose()
    {
        try { Directory.Delete(OutputDir, recursive: true); } catch (IOException) { }
    }
}
