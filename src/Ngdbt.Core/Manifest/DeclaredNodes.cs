using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Parse;

namespace Ngdbt.Manifest;

/// <summary>An exposure, metric or semantic model of schema YAML with its dependencies resolved to unique ids, as
/// manifest.json and the docs lineage show it (not evaluated: ngdbt builds nothing for them).</summary>
public sealed record DeclaredNode(string UniqueId, string ResourceType, string Name, DeclaredResource Declared, IReadOnlyList<string> DependsOn)
{
    public string? Text(string key) => Declared.Properties.GetValueOrDefault(key) is { } v and not IDictionary<string, object?> and not IList<object?> ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The exposure's `owner:` (name, email); null when absent.</summary>
    public (string? Name, string? Email)? Owner => Declared.Properties.GetValueOrDefault("owner") is IReadOnlyDictionary<string, object?> o
        ? (o.GetValueOrDefault("name") as string, o.GetValueOrDefault("email") as string)
        : null;
}

/// <summary>Resolves what exposures (`depends_on: [ref('x'), source('s', 't'), metric('m')]`), semantic models
/// (`model: ref('x')`) and metrics (`type_params`: a measure of a semantic model, or other metrics) depend on. A
/// dependency that names nothing is warning NG0122 (it is left out of the lineage, never guessed).</summary>
public static partial class DeclaredNodes
{
    /// <summary>The kinds drawn in the lineage; saved queries stay in the YAML only.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "exposure", "metric", "semantic_model" };

    [GeneratedRegex(@"^\s*(?<fn>ref|source|metric)\s*\(\s*(?<args>.*?)\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Call();

    [GeneratedRegex(@"['""](?<v>[^'""]*)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    public static IReadOnlyList<DeclaredNode> Resolve(ProjectManifest manifest, DiagnosticBag? diagnostics = null)
    {
        var project = manifest.ProjectName;
        var declared = manifest.Declared.Where(d => Kinds.Contains(d.Kind)).ToList();
        var idOf = new Dictionary<(string Kind, string Name), string>();
        foreach (var d in declared)
        {
            idOf.TryAdd((d.Kind, d.Name), $"{d.Kind}.{project}.{d.Name}");
        }

        var measureOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sm in declared.Where(d => d.Kind == "semantic_model"))
        {
            foreach (var measure in (sm.Properties.GetValueOrDefault("measures") as IEnumerable<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>())
            {
                if (measure.GetValueOrDefault("name") is string name)
                {
                    measureOwner.TryAdd(name, idOf[("semantic_model", sm.Name)]);
                }
            }
        }

        string? Lookup(DeclaredResource d, string call)
        {
            var m = Call().Match(call);
            var args = m.Success ? Quoted().Matches(m.Groups["args"].Value).Select(a => a.Groups["v"].Value).ToList() : [];
            var id = (m.Groups["fn"].Value, args.Count) switch
            {
                ("ref", 1 or 2) => manifest.FindRelation(args[^1])?.UniqueId,
                ("source", 2) => manifest.Nodes.Values.FirstOrDefault(n => n.ResourceType == ResourceType.Source && n.SourceName == args[0] && n.Name == args[1])?.UniqueId,
                ("metric", 1) => idOf.GetValueOrDefault(("metric", args[0])),
                _ => null,
            };
            if (id is null)
            {
                var hint = m.Groups["fn"].Value == "ref" && args.Count > 0 ? Load.Suggest.Hint(Load.Suggest.Closest(args[^1], manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot).Select(n => n.Name))) : string.Empty;
                diagnostics?.Warning(DiagnosticCodes.DeclaredDependency, d.Span, $"{d.Kind} '{d.Name}' depends on {call.Trim()}, which names no model, seed, snapshot, source or metric of this project: the docs lineage leaves it out{hint}");
            }

            return id;
        }

        string? Metric(DeclaredResource d, object? value)
        {
            var name = value as string ?? (value as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("name") as string;
            if (name is null)
            {
                return null;
            }

            var id = idOf.GetValueOrDefault(("metric", name));
            if (id is null)
            {
                diagnostics?.Warning(DiagnosticCodes.DeclaredDependency, d.Span, $"metric '{d.Name}' uses metric '{name}', which is not declared: the docs lineage leaves it out");
            }

            return id;
        }

        var result = new List<DeclaredNode>();
        foreach (var d in declared)
        {
            var deps = new List<string?>();
            switch (d.Kind)
            {
                case "exposure":
                    deps.AddRange((d.Properties.GetValueOrDefault("depends_on") as IEnumerable<object?> ?? []).OfType<string>().Select(s => Lookup(d, s)));
                    break;
                case "semantic_model" when d.Properties.GetValueOrDefault("model") is string model:
                    deps.Add(Lookup(d, model));
                    break;
                case "metric" when d.Properties.GetValueOrDefault("type_params") is IReadOnlyDictionary<string, object?> tp:
                    if (tp.GetValueOrDefault("measure") is { } measure)
                    {
                        var name = measure as string ?? (measure as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("name") as string;
                        var owner = name is null ? null : measureOwner.GetValueOrDefault(name);
                        if (name is not null && owner is null)
                        {
                            diagnostics?.Warning(DiagnosticCodes.DeclaredDependency, d.Span, $"metric '{d.Name}' measures '{name}', which no semantic model declares: the docs lineage leaves it out");
                        }

                        deps.Add(owner);
                    }

                    deps.Add(Metric(d, tp.GetValueOrDefault("numerator")));
                    deps.Add(Metric(d, tp.GetValueOrDefault("denominator")));
                    deps.AddRange((tp.GetValueOrDefault("metrics") as IEnumerable<object?> ?? []).Select(m => Metric(d, m)));
                    break;
            }

            var id = idOf[(d.Kind, d.Name)];
            result.Add(new DeclaredNode(id, d.Kind, d.Name, d, [.. deps.OfType<string>().Where(x => x != id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
        }

        return [.. result.DistinctBy(r => r.UniqueId).OrderBy(r => r.UniqueId, StringComparer.Ordinal)];
    }
}
