using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

public static partial class ProjectLoader
{
    private static readonly HashSet<string> KnownProjectKeys = new(StringComparer.Ordinal)
    {
        "name", "version", "profile", "config-version", "model-paths", "seed-paths", "test-paths", "macro-paths", "snapshot-paths",
        "analysis-paths", "docs-paths", "target-path", "clean-targets", "vars", "models", "seeds", "tests", "snapshots", "money-guard",
        "on-run-end", "on-run-start", "require-ngdbt-version", "flags", "template-language",
    };

    /// <summary>Whether project.yml (not dbt_project.yml) reads this top-level key (`ngdbt convert` keeps those).</summary>
    internal static bool IsProjectKey(string key) => KnownProjectKeys.Contains(key);

    /// <summary>`require-ngdbt-version: ">=0.1.0"` (comma-separated `>=`, `>`, `<=`, `<`, `==` or a bare version): a project
    /// that needs another ngdbt says so before anything runs.</summary>
    private static void CheckRequiredVersion(string required, SourceSpan span, DiagnosticBag diagnostics)
    {
        var engine = typeof(ProjectLoader).Assembly.GetName().Version ?? new Version(0, 1, 0);
        var current = new Version(engine.Major, engine.Minor, Math.Max(0, engine.Build));
        foreach (var part in required.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var op = new string(part.TakeWhile(c => c is '<' or '>' or '=' or '!').ToArray());
            if (!Version.TryParse(part[op.Length..].Trim(), out var wanted))
            {
                diagnostics.Error(DiagnosticCodes.InvalidConfigValue, span, $"require-ngdbt-version '{required}' is not a version constraint (e.g. \">=0.1.0, <1.0.0\")");
                return;
            }

            var c = current.CompareTo(new Version(wanted.Major, wanted.Minor, Math.Max(0, wanted.Build)));
            var ok = op switch
            {
                ">=" => c >= 0,
                ">" => c > 0,
                "<=" => c <= 0,
                "<" => c < 0,
                "" or "=" or "==" => c == 0,
                "!=" => c != 0,
                _ => false,
            };
            if (!ok)
            {
                diagnostics.Error(DiagnosticCodes.InvalidConfigValue, span, $"this project requires ngdbt {required}; this is ngdbt {current}");
                return;
            }
        }
    }

    internal static ProjectConfig? ReadProjectConfig(string text, string file, DiagnosticBag diagnostics, bool dbt = false)
    {
        var knownKeys = dbt ? DbtProjectKeys : KnownProjectKeys;
        var map = Yaml.ParseMapping(text, file, diagnostics, allowEmpty: false);
        if (map is null)
        {
            return null;
        }

        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (!knownKeys.Contains(key))
            {
                var hint = Suggest.Closest(key, knownKeys);
                diagnostics.Error(DiagnosticCodes.UnknownConfigKey, Yaml.Span(keyNode, file), $"unknown key '{key}' in {file}{Suggest.Hint(hint)}");
            }
        }

        var name = map.GetString("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(map, file), $"{file} must set 'name'");
            return null;
        }

        if (!Identifiers.IsValid(name))
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(map.Get("name")!, file), $"project name '{name}' must be letters, digits and underscores, starting with a letter");
        }

        IReadOnlyList<string> Paths(string key, string fallback)
        {
            var node = map.Get(key);
            return node is null ? [fallback] : Yaml.StringList(node);
        }

        var vars = map.Get("vars") is YamlMappingNode v
            ? v.Entries().ToDictionary(e => e.Key, e => Yaml.ToPlain(e.Value), StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        if (map.Get("vars") is { } varsNode and not YamlMappingNode and not YamlScalarNode { Value: null or "" })
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(varsNode, file), "vars must be a mapping of names to values (vars: {name: value}), not a list or a single value");
        }

        if (map.Get("require-ngdbt-version") is YamlScalarNode { Value: { Length: > 0 } required } requiredNode)
        {
            CheckRequiredVersion(required, Yaml.Span(requiredNode, file), diagnostics);
        }

        if (dbt)
        {
            CheckDbtKeys(map, file, diagnostics);
        }

        foreach (var (key, keyNode, _) in map.Entries().Where(e => !dbt && e.Key is "flags" or "analysis-paths" or "docs-paths"))
        {
            diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, Yaml.Span(keyNode, file), $"project key '{key}' is not implemented by ngdbt yet: it has no effect");
        }

        return new ProjectConfig(
            name,
            map.GetString("version") ?? "0.0.0",
            map.GetString("profile") ?? name,
            Paths("model-paths", "models"),
            Paths("seed-paths", "seeds"),
            Paths("test-paths", "tests"),
            Paths("macro-paths", "macros"),
            Paths("snapshot-paths", "snapshots"),
            map.GetString("target-path") ?? "target",
            vars,
            FolderTree(map.Get("models"), name, file, diagnostics, dbt),
            FolderTree(map.Get("seeds"), name, file, diagnostics, dbt),
            FolderTree(map.Get(dbt && map.Get("data_tests") is not null ? "data_tests" : "tests"), name, file, diagnostics, dbt),
            MoneyGuard(map.Get("money-guard"), file, diagnostics),
            Yaml.StringList(map.Get("on-run-end")),
            file)
        {
            OnRunStart = Yaml.StringList(map.Get("on-run-start")),
            TemplateLanguage = dbt ? "jinja" : TemplateLanguage(map, file, diagnostics),
            IsDbtProject = dbt,
            DocsPaths = map.Get("docs-paths") is { } docs ? Yaml.StringList(docs) : [],
            Dispatch = dbt ? ReadDispatch(map.Get("dispatch"), file, diagnostics) : new Dictionary<string, IReadOnlyList<string>>(),
        };
    }

    private static IReadOnlyList<MoneyGuardRule> MoneyGuard(YamlNode? node, string file, DiagnosticBag diagnostics)
    {
        if (node is null)
        {
            return [];
        }

        // money-guard: { type: "DECIMAL(19,4)", columns: ["*amount*", "*_usd", "variance"] }
        if (node is not YamlMappingNode map || map.GetString("type") is not { } type)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(node, file), "money-guard must be a mapping with 'type' and 'columns'");
            return [];
        }

        var columnsNode = map.Get("columns");
        if (columnsNode is not YamlSequenceNode seq)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, Yaml.Span(node, file), "money-guard.columns must be a list of column-name patterns");
            return [];
        }

        return [.. seq.Children.OfType<YamlScalarNode>().Select(c => new MoneyGuardRule(c.Value ?? string.Empty, type, Yaml.Span(c, file)))];
    }

    private static FolderConfigTree FolderTree(YamlNode? node, string projectName, string file, DiagnosticBag diagnostics, bool dbt = false)
    {
        if (node is not YamlMappingNode map)
        {
            return FolderConfigTree.Empty;
        }

        var entries = new List<FolderConfig>();
        void Walk(YamlMappingNode m, string prefix)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var (key, keyNode, value) in m.Entries())
            {
                if (key.StartsWith('+'))
                {
                    // dbt spells the hooks pre-hook/post-hook in dbt_project.yml.
                    var configKey = dbt ? key[1..].Replace('-', '_') : key[1..];
                    values[configKey] = Yaml.ToPlain(value);
                    spans[configKey] = Yaml.Span(keyNode, file);
                }
                else if (value is YamlMappingNode child)
                {
                    Walk(child, prefix.Length == 0 ? key : prefix + "/" + key);
                }
                else if (ConfigKeys.IsKnown(dbt ? key.Replace('-', '_') : key))
                {
                    values[dbt ? key.Replace('-', '_') : key] = Yaml.ToPlain(value);
                    spans[dbt ? key.Replace('-', '_') : key] = Yaml.Span(keyNode, file);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.UnknownConfigKey, Yaml.Span(keyNode, file), $"unknown config '{key}' (folder configs start with '+'){Suggest.Hint(Suggest.Closest(key, ConfigKeys.All))}");
                }
            }

            if (values.Count > 0)
            {
                entries.Add(new FolderConfig(prefix, values, spans));
            }
        }

        // dbt nests configs under the project name; accept both shapes.
        if (map.Get(projectName) is YamlMappingNode scoped)
        {
            Walk(scoped, string.Empty);
            var rest = new YamlMappingNode(map.Children.Where(kv => (kv.Key as YamlScalarNode)?.Value != projectName));
            Walk(rest, string.Empty);
        }
        else
        {
            Walk(map, string.Empty);
        }

        return new FolderConfigTree(entries);
    }
}
