using System.Collections.Concurrent;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Parse;
using Ngdbt.Templating;

namespace Ngdbt.Manifest;

/// <summary>Turns parsed files and schema documents into linked nodes: merges configs, creates source, seed, test and
/// unit-test nodes, and resolves every ref/source to a unique id (unknown ones get a "did you mean").</summary>
internal sealed partial class Linker(
    LoadedProject project,
    IReadOnlyList<SchemaDocument> docs,
    ConcurrentDictionary<string, ParsedTemplate> templates,
    IReadOnlyDictionary<string, MacroInfo> macros,
    DiagnosticBag diagnostics)
{
    private readonly string _project = project.Config.Name;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    // Indexes kept beside _nodes so linking stays linear at 10,000+ models.
    private readonly Dictionary<string, Node> _relationsByName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _testNames = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Node> Link()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var modelDocs = IndexDocs(docs.SelectMany(d => d.Models.Concat(d.Snapshots)), "model");
        var seedDocs = IndexDocs(docs.SelectMany(d => d.Seeds), "seed");
        AddSources();
        AddModels(modelDocs);
        AddYamlSnapshots();
        AddSeeds(seedDocs);
        StageTimings.Report("    resources", clock);
        ReportOrphanDocs(modelDocs, seedDocs);
        AddSingularTests();
        AddGenericTests(modelDocs, seedDocs);
        AddUnitTests();
        StageTimings.Report("    tests", clock);
        ResolveDependencies();
        StageTimings.Report("    dependencies", clock);
        return _nodes;
    }

    private Dictionary<string, ResourceDoc> IndexDocs(IEnumerable<ResourceDoc> items, string what)
    {
        var index = new Dictionary<string, ResourceDoc>(StringComparer.Ordinal);
        foreach (var doc in items)
        {
            if (index.TryGetValue(doc.Name, out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, doc.Span, $"{what} '{doc.Name}' is described twice in schema YAML (first at {first.Span})");
                continue;
            }

            index[doc.Name] = doc;
        }

        return index;
    }

    private void ReportOrphanDocs(Dictionary<string, ResourceDoc> modelDocs, Dictionary<string, ResourceDoc> seedDocs)
    {
        var models = _relationsByName.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Snapshot).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        // A Python model's YAML (often just `enabled: false`) is checked with the Python model itself.
        var python = project.FilesOf(ProjectFileKind.PythonModel).Select(f => Path.GetFileNameWithoutExtension(f.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var doc in modelDocs.Values.Where(d => !models.Contains(d.Name) && !python.Contains(d.Name)))
        {
            diagnostics.Warning(DiagnosticCodes.UnknownRef, doc.Span, $"schema YAML describes model '{doc.Name}' but there is no models/**/{doc.Name}.sql{Suggest.Hint(Suggest.Closest(doc.Name, models))}");
        }

        var seeds = _relationsByName.Values.Where(n => n.ResourceType == ResourceType.Seed).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var doc in seedDocs.Values.Where(d => !seeds.Contains(d.Name)))
        {
            diagnostics.Warning(DiagnosticCodes.UnknownRef, doc.Span, $"schema YAML describes seed '{doc.Name}' but there is no seeds/**/{doc.Name}.csv{Suggest.Hint(Suggest.Closest(doc.Name, seeds))}");
        }
    }

    private bool TryAdd(Node node)
    {
        var refable = node.IsRelation && node.ResourceType != ResourceType.Source;
        var clash = refable ? _relationsByName.GetValueOrDefault(node.Name) : null;
        if (clash is not null || _nodes.ContainsKey(node.UniqueId))
        {
            var other = clash ?? _nodes[node.UniqueId];
            diagnostics.Error(DiagnosticCodes.DuplicateName, node.Span, $"two resources are named '{node.Name}': {node.FilePath} and {other.FilePath}; names must be unique so ref('{node.Name}') is unambiguous");
            return false;
        }

        Register(node);
        return true;
    }

    private void Register(Node node)
    {
        _nodes[node.UniqueId] = node;
        if (node.IsRelation && node.ResourceType != ResourceType.Source)
        {
            _relationsByName[node.Name] = node;
        }
        else if (node.ResourceType == ResourceType.Test)
        {
            _testNames.Add(node.Name);
        }
    }

    /// <summary>Config layers, later winning (tags accumulate): what the node inherits, the project.yml folders, the
    /// schema YAML, the file's own config() calls, and last the materialization its resource type fixes (a seed is
    /// always a seed, whatever a folder says).</summary>
    private NodeConfig MergeConfig(
        FolderConfigTree tree,
        string pathInDir,
        IReadOnlyDictionary<string, object?>? yaml,
        IReadOnlyDictionary<string, SourceSpan>? yamlSpans,
        ParsedTemplate? template,
        string? materialized = null,
        IReadOnlyDictionary<string, object?>? inherited = null)
    {
        var layers = new List<IReadOnlyDictionary<string, object?>>();
        if (inherited is not null)
        {
            layers.Add(inherited);
        }

        foreach (var folder in tree.For(pathInDir))
        {
            CheckConfigKeys(folder.Values, folder.Spans);
            layers.Add(ForTarget(folder.Values, folder.Spans));
        }

        if (yaml is not null)
        {
            CheckConfigKeys(yaml, yamlSpans!);
            layers.Add(ForTarget(yaml, yamlSpans!));
        }

        foreach (var call in template?.Configs ?? [])
        {
            CheckConfigKeys(call.Values, call.Spans);
            layers.Add(ForTarget(call.Values, call.Spans));
        }

        if (materialized is not null)
        {
            layers.Add(FixedMaterializations[materialized]);
        }

        return NodeConfig.Merge(layers);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> FixedMaterializations =
        new[] { "seed", "snapshot", "test", "unit" }.ToDictionary(m => m, m => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["materialized"] = m }, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<SourceSpan, bool> _reportedKeys = new();

    /// <summary>
    /// Adapter-scoped configs: the entries of the target's own scope (`citus: {…}` on a citus target) are applied in
    /// the layer that holds them, after its plain entries; the scopes of other adapters are dropped (they were named for
    /// those adapters on purpose, so they are not "ignored").
    /// </summary>
    private IReadOnlyDictionary<string, object?> ForTarget(IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, SourceSpan> spans)
    {
        // Plain loops on this per-node path: a method group over an interface (`Keys.Any(set.Contains)`) builds a
        // delegate through the runtime's slow path on every call, which was a quarter of linking 10,000 models.
        var hasScope = false;
        foreach (var key in values.Keys)
        {
            hasScope |= project.AdapterTypes.Contains(key);
        }

        if (!hasScope)
        {
            return values;
        }

        var flat = values.Where(kv => !project.AdapterTypes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (type, scoped) in values.Where(kv => project.AdapterTypes.Contains(kv.Key)))
        {
            var span = spans.TryGetValue(type, out var s) ? s : SourceSpan.Unknown;
            if (scoped is not IReadOnlyDictionary<string, object?> entries)
            {
                if (_reportedKeys.TryAdd(span with { Column = span.Column + 40000 }, true))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownConfigKey, span, $"config '{type}' holds configs for {type} targets and must be a mapping, e.g. {type}: {{distributed_by: id}}");
                }

                continue;
            }

            var scopeSpans = entries.Keys.ToDictionary(k => k, _ => span, StringComparer.Ordinal);
            CheckConfigKeys(entries, scopeSpans, scope: type);
            if (type == project.Target.Type)
            {
                foreach (var (k, v) in entries)
                {
                    flat[k] = v;
                }
            }
        }

        return flat;
    }

    private void CheckConfigKeys(IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, SourceSpan> spans, string? scope = null)
    {
        foreach (var key in values.Keys)
        {
            var adapterKey = project.AdapterConfigKeys.Contains(key);
            if (!ConfigKeys.IsKnown(key) && !adapterKey && (scope is not null || !project.AdapterTypes.Contains(key)))
            {
                var span = spans.TryGetValue(key, out var s) ? s : SourceSpan.Unknown;
                if (_reportedKeys.TryAdd(span, true))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownConfigKey, span, $"unknown config '{key}'{Suggest.Hint(Suggest.Closest(key, ConfigKeys.All))}");
                }
            }

            // Another adapter's config (Citus's distributed_by on a DuckDB target): accepted, so one project builds on
            // every target, and named, since it does nothing here.
            if (scope is null && adapterKey && !project.TargetConfigKeys.Contains(key))
            {
                var span = spans.TryGetValue(key, out var s) ? s : SourceSpan.Unknown;
                if (_reportedKeys.TryAdd(span with { Column = span.Column + 30000 }, true))
                {
                    diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, span, $"config '{key}' is for another adapter and has no effect on {project.Target.Type} targets");
                }
            }

            if (ConfigKeys.NotImplemented.Contains(key))
            {
                var span = spans.TryGetValue(key, out var s) ? s : SourceSpan.Unknown;
                if (_reportedKeys.TryAdd(span with { Column = span.Column + 20000 }, true))
                {
                    diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, span, $"config '{key}' is not implemented by ngdbt yet: it has no effect");
                }
            }
        }

        if (values.TryGetValue("materialized", out var m) && m is string mat && !Materializations.Contains(mat))
        {
            var span = spans.TryGetValue("materialized", out var s) ? s : SourceSpan.Unknown;
            if (_reportedKeys.TryAdd(span with { Column = span.Column + 10000 }, true))
            {
                diagnostics.Error(DiagnosticCodes.InvalidConfigValue, span, $"unknown materialization '{mat}' (expected one of: {string.Join(", ", Materializations)}){Suggest.Hint(Suggest.Closest(mat, Materializations))}");
            }
        }
    }

    private static readonly string[] Materializations = ["view", "table", "incremental", "ephemeral", "seed", "test", "snapshot"];

    private string SchemaFor(NodeConfig config)
        => config.Schema is { Length: > 0 } custom ? $"{project.Target.Schema}_{custom}" : project.Target.Schema;
}
