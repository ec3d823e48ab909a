using System.Diagnostics;
using System.Text.Json;
using Ngdbt.Docs.Artifacts;
using Ngdbt.Docs.Site;

namespace Ngdbt.Docs;

/// <summary>
/// <c>ngdbt docs generate</c>: takes the manifest (from target/manifest.json or in memory), optional catalog.json and
/// run_results.json, and writes a self-contained static site (opens from file://, no network) into
/// <see cref="DocsOptions.ResolvedOutputDir"/>.
/// </summary>
public static class DocsSiteGenerator
{
    /// <summary>Reads target/manifest.json (written by an earlier compile) and writes the site.</summary>
    public static DocsResult Generate(DocsOptions options, ISqlParseTreeProvider? lineage = null)
    {
        var manifestPath = Path.Combine(options.TargetDir, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            var missing = new DocsDiagnostic(DocsSeverity.Error, "DOCS001", $"manifest.json not found in {options.TargetDir}");
            return new DocsResult(options.ResolvedOutputDir, [], [missing], TimeSpan.Zero);
        }

        return Generate(options, () => DocsManifest.Read(manifestPath), lineage);
    }

    /// <summary>Writes the site from a manifest the engine hands over in memory (catalog.json and run_results.json are
    /// still read from <see cref="DocsOptions.TargetDir"/> when present).</summary>
    public static DocsResult Generate(DocsOptions options, DocsManifest manifest, ISqlParseTreeProvider? lineage = null) =>
        Generate(options, () => manifest, lineage);

    private static DocsResult Generate(DocsOptions options, Func<DocsManifest> readManifest, ISqlParseTreeProvider? lineage)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new List<DocsDiagnostic>();
        var output = options.ResolvedOutputDir;
        if (EmbeddedAssets.Names.Count == 0)
            diagnostics.Add(new(DocsSeverity.Error, "DOCS002", "front-end bundle missing from Ngdbt.Docs (docs-site build did not run)"));
        try
        {
            var model = SiteModelBuilder.Build(options, readManifest, lineage, diagnostics);
            var writeClock = Stopwatch.StartNew();
            var files = Write(model, output);
            diagnostics.Add(new(DocsSeverity.Info, "DOCS901", $"timing: write {writeClock.ElapsedMilliseconds} ms, {files.Count} files"));
            return new DocsResult(output, files, diagnostics, clock.Elapsed);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(DocsSeverity.Error, "DOCS003", $"{ex.GetType().Name}: {ex.Message}"));
            return new DocsResult(output, [], diagnostics, clock.Elapsed);
        }
    }

    private static List<string> Write(SiteModel model, string output)
    {
        var dataDir = Path.Combine(output, "data");
        var nodesDir = Path.Combine(dataDir, "nodes");
        if (Directory.Exists(nodesDir)) Directory.Delete(nodesDir, recursive: true);
        Directory.CreateDirectory(nodesDir);
        var files = EmbeddedAssets.CopyTo(output);
        var generatedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var search = Task.Run(() => GraphAndSearchWriter.WriteSearch(SearchIndexBuilder.Build(model.Nodes), dataDir));
        files.Add(GraphAndSearchWriter.WriteGraph(model, dataDir, generatedAt));
        files.Add(GraphAndSearchWriter.WriteLineage(model, dataDir));
        files.AddRange(NodeShardWriter.WriteAll(model, nodesDir));
        files.Add(search.GetAwaiter().GetResult());
        return files;
    }
}
