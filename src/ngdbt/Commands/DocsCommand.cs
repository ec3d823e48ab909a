using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Docs;
using Ngdbt.Docs.DuckDb;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Commands;

/// <summary>`docs generate` (manifest + catalog from the warehouse + static site) and `docs serve` (127.0.0.1).</summary>
internal static class DocsCommand
{
    private static Option<string?> OutputDir => new("--output-dir", "-o") { Description = "Where to write the site (default: <target>/docs-site)" };
    private static Option<bool> NoLineage => new("--no-column-lineage") { Description = "Skip column-level lineage" };
    private static Option<bool> NoLineageCache => new("--no-lineage-cache") { Description = "Analyse every model's column lineage afresh instead of reusing unchanged ones from target/docs-lineage-cache.json" };
    private static Option<int> Port => Hosting.ServerOptions.Port(8080);
    internal static Option<string> Host => Hosting.ServerOptions.Host();

    public static Command Create()
    {
        var docs = new Command("docs", "Generate or serve the lineage documentation site");
        var generate = new Command("generate", "Write a self-contained static docs site (opens from file://)");
        generate.Options.Add(OutputDir);
        generate.Options.Add(NoLineage);
        generate.Options.Add(NoLineageCache);
        generate.SetAction(parse => Generate(parse, new ConsoleOutput()));
        var serve = new Command("serve", "Serve the generated docs site on 127.0.0.1");
        serve.Options.Add(Port);
        serve.Options.Add(OutputDir);
        serve.Options.Add(Host);
        serve.SetAction((parse, ct) => Serve(parse, new ConsoleOutput(), ct));
        docs.Subcommands.Add(generate);
        docs.Subcommands.Add(serve);
        return docs;
    }

    public static int Generate(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output);
        if (session is null)
        {
            return Session.ExitUsage;
        }

        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var adapter = session.OpenAdapter();
            var ids = session.Manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Test or ResourceType.Snapshot).Select(n => n.UniqueId);
            var compiled = session.Compile(adapter, ids, fullRefresh: false);
            Session.Time("compile", clock);
            string RelationName(Node n) => session.RelationName(adapter, n);
            // manifest.json is an artifact for other tools; the site gets the same manifest in memory, so the file is
            // written while the site is built.
            var generatedAt = DateTime.UtcNow;
            Directory.CreateDirectory(session.Project.TargetDir); // a fresh project has no target/ yet
            var result = Session.Alongside(
                () => ArtifactWriter.WriteManifest(session.Manifest, compiled.Nodes, RelationName, Session.Version, generatedAt),
                () =>
                {
                    using (var connection = adapter.Connect())
                    {
                        CatalogWriter.Write(session.Manifest, connection.ReadCatalog(null), Session.Version);
                    }

                    Session.Time("catalog.json", clock);
                    var input = DocsInput.From(session.Manifest, compiled.Nodes, RelationName, Session.Version, generatedAt);
                    Session.Time("docs input", clock);
                    using var parser = parse.Value(NoLineage) ? null : new DuckDbParseTreeProvider();
                    return DocsSiteGenerator.Generate(
                        new DocsOptions
                        {
                            TargetDir = session.Project.TargetDir,
                            OutputDir = parse.Value(OutputDir),
                            ProjectName = session.Manifest.ProjectName,
                            ReuseLineage = !parse.Value(NoLineageCache),
                        },
                        input,
                        parser);
                });
            Session.Time("docs site and manifest.json", clock);
            foreach (var d in result.Diagnostics)
            {
                output.Line($"{d.Code}: {d.Message}", d.Severity == DocsSeverity.Error ? "red" : null);
            }

            output.Line($"Docs site written to {result.IndexPath} ({result.FilesWritten.Count} files in {result.Elapsed.TotalSeconds:0.00}s)", result.Success ? "green" : "red");
            return result.Success ? Session.ExitOk : Session.ExitNodeFailure;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"error NG0030: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }

    public static async Task<int> Serve(ParseResult parse, ConsoleOutput output, CancellationToken ct)
    {
        var project = Session.LoadProject(parse, output);
        if (project is null)
        {
            return Session.ExitUsage;
        }

        var site = parse.Value(OutputDir) ?? Path.Combine(project.TargetDir, "docs-site");
        if (!File.Exists(Path.Combine(site, "index.html")))
        {
            output.Line($"error NG0041: no docs site in {site}; run `ngdbt docs generate` first", "red");
            return Session.ExitUsage;
        }

        var (host, port) = (parse.Value(Host)!, parse.Value(Port));
        Hosting.ServerOptions.WarnIfWide(host, output);
        await using var server = await Hosting.ServerOptions.StartAsync(() => DocsServer.StartAsync(site, port, host, ct), host, port, output);
        if (server is null)
        {
            return Session.ExitUsage;
        }

        output.Line($"Serving docs at {server.Url} (Ctrl+C to stop)", "green");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: shut down cleanly.
        }

        return Session.ExitOk;
    }
}
