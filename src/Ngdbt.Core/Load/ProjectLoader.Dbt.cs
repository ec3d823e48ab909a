using System.Globalization;
using Ngdbt.Diagnostics;
using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Load;

/// <summary>dbt_project.yml: dbt's keys, read when a project has no project.yml. Keys ngdbt does not act on are warnings
/// naming them (never silence); values with Jinja (`+enabled: "{{ var('x') }}"`) are rendered once vars and the target
/// are known.</summary>
public static partial class ProjectLoader
{
    /// <summary>The dbt version whose project format ngdbt reads (require-dbt-version is checked against it).</summary>
    public const string DbtCompatibleVersion = "1.8.0";

    private static readonly HashSet<string> DbtProjectKeys = new(StringComparer.Ordinal)
    {
        "name", "version", "profile", "config-version", "model-paths", "seed-paths", "test-paths", "macro-paths", "snapshot-paths",
        "analysis-paths", "docs-paths", "asset-paths", "target-path", "log-path", "packages-install-path", "clean-targets", "vars",
        "models", "seeds", "tests", "data_tests", "snapshots", "sources", "unit_tests", "on-run-end", "on-run-start",
        "require-dbt-version", "dispatch", "flags", "query-comment", "quoting", "exposures", "metrics", "semantic-models",
        "saved-queries", "restrict-access", "money-guard",
    };

    /// <summary>dbt keys that are read but change nothing in ngdbt, with what happens instead.</summary>
    private static readonly Dictionary<string, string> DbtNotImplemented = new(StringComparer.Ordinal)
    {
        ["log-path"] = "ngdbt writes no log files (its output is the console)",
        ["packages-install-path"] = "packages are not installed by ngdbt yet",
        ["flags"] = "set the equivalent ngdbt command-line options instead",
        ["query-comment"] = "ngdbt adds no comment to the queries it runs",
        ["quoting"] = "ngdbt quotes identifiers only when they need it",
        ["analysis-paths"] = "analyses are not compiled",
        ["asset-paths"] = "assets are not copied into the docs site",
        ["sources"] = "folder-level source configs are not applied (configure sources in their YAML)",
        ["restrict-access"] = "model access is not enforced",
        ["exposures"] = "folder-level exposure configs are not applied",
        ["metrics"] = "folder-level metric configs are not applied",
        ["semantic-models"] = "folder-level semantic model configs are not applied",
        ["saved-queries"] = "folder-level saved query configs are not applied",
        ["unit_tests"] = "folder-level unit test configs are not applied",
    };

    private static void CheckDbtKeys(YamlMappingNode map, string file, DiagnosticBag diagnostics)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (DbtNotImplemented.TryGetValue(key, out var instead))
            {
                diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, Yaml.Span(keyNode, file), $"{file} key '{key}' is not implemented by ngdbt: it has no effect ({instead})");
            }
        }

        if (map.Get("config-version") is YamlScalarNode { Value: { } cv } cvNode && cv != "2")
        {
            diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(cvNode, file), $"config-version {cv} is not supported: ngdbt reads dbt's config-version 2");
        }

        if (map.Get("require-dbt-version") is { } required)
        {
            var constraints = required is YamlSequenceNode ? Yaml.StringList(required) : [(required as YamlScalarNode)?.Value ?? string.Empty];
            var current = Version.Parse(DbtCompatibleVersion);
            foreach (var constraint in constraints.SelectMany(c => c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            {
                var op = new string([.. constraint.TakeWhile(c => c is '<' or '>' or '=' or '!' or '~')]);
                if (!Version.TryParse(constraint[op.Length..].Trim(), out var wanted))
                {
                    diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(required, file), $"require-dbt-version '{constraint}' is not a version constraint (e.g. \">=1.0.0\")");
                    return;
                }

                var c = current.CompareTo(new Version(wanted.Major, wanted.Minor, Math.Max(0, wanted.Build)));
                var ok = op switch { ">=" => c >= 0, ">" => c > 0, "<=" => c <= 0, "<" => c < 0, "!=" => c != 0, _ => c == 0 };
                if (!ok)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(required, file), $"this project requires dbt {string.Join(", ", constraints)}; ngdbt reads projects of dbt {DbtCompatibleVersion}");
                    return;
                }
            }
        }
    }

    private static string TemplateLanguage(YamlMappingNode map, string file, DiagnosticBag diagnostics)
    {
        var value = map.GetString("template-language") ?? "scriban";
        if (value is "scriban" or "jinja" or "auto")
        {
            return value;
        }

        diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(map.Get("template-language")!, file), $"template-language must be scriban, jinja or auto, not '{value}'");
        return "scriban";
    }

    /// <summary>`dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]`.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadDispatch(YamlNode? node, string file, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        foreach (var entry in (node as YamlSequenceNode)?.Children ?? [])
        {
            if (entry is YamlMappingNode m && m.GetString("macro_namespace") is { } ns && m.Get("search_order") is YamlSequenceNode order)
            {
                result[ns] = Yaml.StringList(order);
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(entry, file), "each dispatch entry needs 'macro_namespace' and a 'search_order' list");
            }
        }

        if (node is not YamlSequenceNode)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(node, file), "dispatch must be a list of {macro_namespace, search_order}");
        }

        return result;
    }

    /// <summary>Renders Jinja in folder config values (not hooks, which render per node) with vars, env_var and target;
    /// "True"/"False" and numbers become values, as dbt's native rendering gives them.</summary>
    private static ProjectConfig RenderConfigValues(ProjectConfig config, IReadOnlyDictionary<string, object?> vars, TargetConfig target, Func<string, string?> env, DiagnosticBag diagnostics)
    {
        string Unavailable(string what) => throw new InvalidOperationException($"{what}() is not available in {config.File}");
        var scope = new RenderScope(
            Ref: _ => Unavailable("ref"),
            Source: _ => Unavailable("source"),
            IsIncremental: () => false,
            This: null,
            Vars: vars,
            EnvVar: env,
            Target: new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = target.TargetName, ["profile_name"] = target.ProfileName, ["type"] = target.Type, ["schema"] = target.Schema, ["threads"] = (long)target.Threads },
            Macros: null);
        FolderConfigTree Render(FolderConfigTree tree) => new([.. tree.Entries.Select(e => e with
        {
            Values = e.Values.ToDictionary(kv => kv.Key, kv => kv.Key is "pre_hook" or "post_hook" || kv.Value is not string s || !s.Contains("{{", StringComparison.Ordinal) ? kv.Value : RenderValue(s, e.Spans[kv.Key]), StringComparer.Ordinal),
        })]);
        object? RenderValue(string text, SourceSpan span)
        {
            try
            {
                var rendered = JinjaFrontEnd.RenderSnippet(text, config.File, scope).Trim();
                return rendered switch
                {
                    "True" or "true" => true,
                    "False" or "false" => false,
                    "None" or "none" => null,
                    _ when long.TryParse(rendered, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                    _ => rendered,
                };
            }
            catch (JinjaRenderException e)
            {
                diagnostics.Error(DiagnosticCodes.TemplateRuntime, span, $"in '{text}': {e.Diagnostic.Message}");
                return text;
            }
        }

        return config with { Models = Render(config.Models), Seeds = Render(config.Seeds), Tests = Render(config.Tests) };
    }
}
