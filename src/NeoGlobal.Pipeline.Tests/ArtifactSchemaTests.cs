using NeoGlobal.DataGen;
using Ngdbt.Tests.Support;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The artifacts of a NeoGlobal build (this repository's project on a small generated data set) validate
/// against dbt's published schemas with 0 errors, so dbt tooling reads them.</summary>
public sealed class ArtifactSchemaTests
{
    [Fact]
    public void NeoGlobal_artifacts_validate_against_dbts_schemas()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 3_000, Seed: 11, BatchSize: 3_000, Events: 200));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["build", "--project-dir", project.Root, "--threads", "2"]));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["docs", "generate", "--project-dir", project.Root]));
        foreach (var (schema, file) in new[] { (DbtSchemas.Manifest, "manifest.json"), (DbtSchemas.RunResults, "run_results.json"), (DbtSchemas.Catalog, "catalog.json") })
        {
            var errors = DbtSchemas.Errors(schema, Path.Combine(project.Root, "target", file));
            Assert.True(errors.Count == 0, $"{file}: {errors.Count} errors\n{string.Join("\n", errors.Take(30))}");
        }
    }
}
