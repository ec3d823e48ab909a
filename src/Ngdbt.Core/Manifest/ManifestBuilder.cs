using System.Collections.Concurrent;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Parse;
using Ngdbt.Templating;

namespace Ngdbt.Manifest;

/// <summary>Stage 2+3: parses every file (in parallel) and links the result into a <see cref="ProjectManifest"/>.</summary>
public static partial class ManifestBuilder
{
    public static ManifestResult Build(LoadedProject project)
    {
        var diagnostics = new DiagnosticBag();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The stored schema documents are read while the macros parse.
        var schemaCache = Task.Run(() => SchemaParseCache.Open(project));
        var context = SchemaParseCache.Enabled ? TemplateCacheContext.Compute(project, IsMacroSource) : null;
        var templateCache = Task.Run(() => TemplateParseCache.Open(project, context));
        var jinja = NewJinjaEnvironment(project, diagnostics);
        var (macros, macroScope) = ParseMacros(project, diagnostics, jinja);
        StageTimings.Report("  macros", clock);
        var cache = schemaCache.GetAwaiter().GetResult();
        var templateParses = templateCache.GetAwaiter().GetResult();
        var purity = templateParses.Enabled ? MacroPurity(project, macros, macroScope, jinja) : null;
        StageTimings.Report("  partial parse cache read", clock);
        var schemaDocs = new ConcurrentBag<SchemaDocument>();
        var templates = new ConcurrentDictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        var parseScope = ParseScope(project);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Largest files first, handed out one at a time: a big schema YAML starts at once on one core while the others
        // take the templates, instead of waiting behind a chunk of templates.
        var ordered = project.Files.OrderByDescending(f => f.Text.Length).ToList();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(ordered, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering), parallel, file =>
        {
            switch (file.Kind)
            {
                case ProjectFileKind.Schema:
                    var yamlClock = System.Diagnostics.Stopwatch.StartNew();
                    if (cache.Parse(file, diagnostics) is { } doc)
                    {
                        schemaDocs.Add(doc);
                    }

                    if (file.Text.Length > 1_000_000)
                    {
                        StageTimings.Report($"    schema YAML {file.Path} ({file.Text.Length / 1024} KB)", yamlClock);
                    }

                    break;
                case ProjectFileKind.Model or ProjectFileKind.Test or ProjectFileKind.Snapshot when jinja is not null && IsJinjaFile(project, file):
                    templates[file.Path] = Templating.Jinja.JinjaFrontEnd.Parse(file.Text, file.Path, diagnostics, jinja, (f, t, call) => EvaluateJinjaConfig(f, t, call, parseScope with { Macros = macroScope, Jinja = new Templating.Jinja.JinjaExtras(jinja) }, diagnostics));
                    break;
                case ProjectFileKind.Model or ProjectFileKind.Test or ProjectFileKind.Snapshot:
                    templates[file.Path] = templateParses.Parse(file, diagnostics, bag => TemplateParser.Parse(file.Text, file.Path, bag, call => EvaluateConfig(call, file.Path, parseScope, macroScope, bag), purity));
                    break;
            }
        });

        StageTimings.Report("  parse templates and schema YAML", clock);
        var saved = Task.Run(() =>
        {
            cache.Save(diagnostics);
            templateParses.Save(diagnostics);
        });
        var docs = schemaDocs.OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        var builder = new Linker(project, docs, templates, macros, diagnostics);
        var nodes = builder.Link();
        StageTimings.Report("  link", clock);
        CheckPythonModels(project, docs, diagnostics);
        var declared = Declared(docs, diagnostics);
        var manifest = new ProjectManifest(project, nodes, macros, macroScope) { Jinja = jinja, Declared = declared, TemplateContext = templateParses.Enabled ? context : null, PureMacros = purity?.Pure };
        if (jinja is not null)
        {
            manifest = ApplyJinjaOverrides(manifest, jinja, diagnostics);
        }

        // reports dependencies of exposures and metrics that name nothing
        manifest = manifest with { DeclaredNodes = DeclaredNodes.Resolve(manifest, diagnostics) };
        saved.GetAwaiter().GetResult();
        return new ManifestResult(manifest, diagnostics.ToSortedList());
    }

    private static RenderScope ParseScope(LoadedProject project) => new(
        Ref: r => r.Name,
        Source: s => s.SourceName + "." + s.TableName,
        IsIncremental: () => false,
        This: null,
        Vars: project.Vars,
        EnvVar: Environment.GetEnvironmentVariable,
        Target: TargetObject(project.Target),
        Macros: null);

    public static IReadOnlyDictionary<string, object?> TargetObject(TargetConfig target) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = target.TargetName,
        ["profile_name"] = target.ProfileName,
        ["type"] = target.Type,
        ["schema"] = target.Schema,
        ["threads"] = (long)target.Threads,
    };

    private static ConfigCall? EvaluateConfig(Scriban.Syntax.ScriptFunctionCall call, string file, RenderScope scope, Scriban.Runtime.ScriptObject macros, DiagnosticBag diagnostics)
    {
        if (LiteralEvaluator.TryConfig(call, file, out var literal))
        {
            return literal;
        }

        ConfigCall? captured = null;
        var context = TemplateRuntime.CreateContext(scope with { Macros = macros, OnConfig = c => captured = c }, file);
        try
        {
            context.Evaluate(call);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            diagnostics.Error(DiagnosticCodes.TemplateRuntime, TemplateParser.ToSpan(file, e.Span.Start), $"in config(): {e.OriginalMessage}");
        }

        return captured;
    }
}
