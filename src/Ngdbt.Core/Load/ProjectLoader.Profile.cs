using System.Globalization;
using Ngdbt.Diagnostics;
using Scriban;
using Scriban.Runtime;

namespace Ngdbt.Load;

public static partial class ProjectLoader
{
    private static TargetConfig? ReadProfile(string root, LoadOptions options, string profileName, EnvironmentReader env, DiagnosticBag diagnostics)
    {
        var candidates = new List<string>();
        if (options.ProfilesDir is not null)
        {
            candidates.Add(Path.GetFullPath(options.ProfilesDir));
        }
        else
        {
            if (env.Get("NGDBT_PROFILES_DIR") is { Length: > 0 } fromEnv)
            {
                candidates.Add(fromEnv);
            }

            if (env.Get("DBT_PROFILES_DIR") is { Length: > 0 } fromDbtEnv)
            {
                candidates.Add(fromDbtEnv);
            }

            candidates.Add(root);
            candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dbt"));
            candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ngdbt"));
        }

        var path = candidates.Select(c => Path.Combine(c, ProfilesFileName)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            diagnostics.Error(DiagnosticCodes.FileMissing, SourceSpan.None(ProfilesFileName), $"no {ProfilesFileName} found (looked in: {string.Join(", ", candidates)})");
            return null;
        }

        var display = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (display.StartsWith("..", StringComparison.Ordinal))
        {
            display = path;
        }

        var text = InterpolateEnv(File.ReadAllText(path), display, env, diagnostics);
        if (text is null)
        {
            return null;
        }

        var map = Yaml.ParseMapping(text, display, diagnostics, allowEmpty: false);
        if (map is null)
        {
            return null;
        }

        if (map.Get(profileName) is not YamlMappingNode profile)
        {
            diagnostics.Error(DiagnosticCodes.ProfileMissing, Yaml.Span(map, display), $"profile '{profileName}' (from project.yml) is not in {display}{Suggest.Hint(Suggest.Closest(profileName, map.Entries().Select(e => e.Key)))}");
            return null;
        }

        var targetName = options.Target ?? profile.GetString("target") ?? "dev";
        if (profile.Get("outputs") is not YamlMappingNode outputs || outputs.Get(targetName) is not YamlMappingNode output)
        {
            var known = (profile.Get("outputs") as YamlMappingNode)?.Entries().Select(e => e.Key) ?? [];
            diagnostics.Error(DiagnosticCodes.ProfileMissing, Yaml.Span(profile, display), $"target '{targetName}' is not defined under {profileName}.outputs{Suggest.Hint(Suggest.Closest(targetName, known))}");
            return null;
        }

        return ReadTarget(root, options, profileName, targetName, output, display, diagnostics);
    }

    /// <summary>The engine's keys (type, schema, threads, settings) are read here; every other key must be one of the
    /// adapter's own fields: a misspelt key is an error with a suggestion, never a silent default.</summary>
    private static TargetConfig? ReadTarget(string root, LoadOptions options, string profileName, string targetName, YamlMappingNode output, string display, DiagnosticBag diagnostics)
    {
        var registry = options.Adapters ?? Adapters.AdapterRegistry.Empty;
        var type = output.GetString("type");
        if (type is null)
        {
            diagnostics.Error(DiagnosticCodes.ProfileMissing, Yaml.Span(output, display), $"target '{targetName}' of profile '{profileName}' has no 'type' (available: {string.Join(", ", registry.Types)})");
            return null;
        }

        var factory = registry.Find(type);
        if (factory is null && options.Adapters is not null)
        {
            diagnostics.Error(DiagnosticCodes.ProfileMissing, Yaml.Span(output.Get("type")!, display), $"adapter type '{type}' is not available in this build (available: {string.Join(", ", registry.Types)}){Suggest.Hint(Suggest.Closest(type, registry.Types))}");
            return null;
        }

        var threadsText = output.GetString("threads");
        var threads = 4;
        if (options.Threads is { } forced)
        {
            threads = forced;
        }
        else if (threadsText is not null && (!int.TryParse(threadsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out threads) || threads < 1))
        {
            diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(output.Get("threads")!, display), $"threads must be a positive whole number, not '{threadsText}'");
            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (output.Get("settings") is YamlMappingNode s)
        {
            foreach (var (k, _, v) in s.Entries())
            {
                settings[k] = (v as YamlScalarNode)?.Value ?? string.Empty;
            }
        }

        var engineKeys = new HashSet<string>(StringComparer.Ordinal) { "type", "schema", "threads", "settings" };
        var known = factory?.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal) ?? [];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, keyNode, value) in output.Entries())
        {
            if (engineKeys.Contains(key))
            {
                continue;
            }

            if (factory is not null && !known.ContainsKey(key))
            {
                diagnostics.Error(DiagnosticCodes.UnknownConfigKey, Yaml.Span(keyNode, display), $"'{key}' is not a {type} profile key (known: {string.Join(", ", known.Keys.Append("schema").Append("threads").Append("settings").Order(StringComparer.Ordinal))}){Suggest.Hint(Suggest.Closest(key, known.Keys))}");
                ok = false;
                continue;
            }

            var text = (value as YamlScalarNode)?.Value ?? string.Empty;
            if (known.TryGetValue(key, out var field) && field.IsInteger && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                diagnostics.Error(DiagnosticCodes.InvalidConfigValue, Yaml.Span(output.Get(key)!, display), $"{type} profile key '{key}' must be a whole number, not '{text}'");
                ok = false;
                continue;
            }

            (TargetConfig.IsSecretKey(key) ? secrets : fields)[key] = text;
        }

        foreach (var field in factory?.Fields ?? [])
        {
            if (!fields.ContainsKey(field.Name) && !secrets.ContainsKey(field.Name))
            {
                if (field.Required)
                {
                    diagnostics.Error(DiagnosticCodes.ProfileMissing, Yaml.Span(output, display), $"{type} target '{targetName}' needs '{field.Name}' ({field.Description})");
                    ok = false;
                }
                else if (field.Default is { } d)
                {
                    fields[field.Name] = d;
                }
            }

            if (field.IsPath && fields.TryGetValue(field.Name, out var p) && p != ":memory:" && !Path.IsPathRooted(p))
            {
                fields[field.Name] = Path.GetFullPath(Path.Combine(root, p));
            }
        }

        var schema = output.GetString("schema") ?? factory?.DefaultSchema ?? "main";
        if (!ok)
        {
            return null;
        }

        var target = new TargetConfig(profileName, targetName, type, schema, threads, fields, settings, secrets, display);
        return factory is null ? target : target with { Database = factory.DatabaseName(target) };
    }

    /// <summary>Renders `{{ env_var('NAME', 'default') }}` in profiles.yml before it is parsed as YAML.</summary>
    private static string? InterpolateEnv(string text, string file, EnvironmentReader env, DiagnosticBag diagnostics)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var template = Template.Parse(text, file);
        if (template.HasErrors)
        {
            foreach (var m in template.Messages)
            {
                diagnostics.Error(DiagnosticCodes.TemplateSyntax, new SourceSpan(file, m.Span.Start.Line + 1, m.Span.Start.Column + 1), m.Message);
            }

            return null;
        }

        var globals = new ScriptObject();
        var missing = new List<string>();
        globals["env_var"] = new Templating.DelegateFunction((_, _, args, _) =>
        {
            var name = args.Count > 0 ? args[0] as string ?? string.Empty : string.Empty;
            var fallback = args.Count > 1 ? Convert.ToString(args[1], CultureInfo.InvariantCulture) : null;
            var value = env.Get(name);
            if (value is null && fallback is null)
            {
                missing.Add(name);
            }

            return value ?? fallback ?? string.Empty;
        });
        var context = Templating.TemplateRuntime.NewContext();
        context.PushGlobal(globals);
        try
        {
            var rendered = template.Render(context);
            foreach (var name in missing)
            {
                diagnostics.Error(DiagnosticCodes.UnknownVar, new SourceSpan(file, 1, 1), $"environment variable '{name}' is not set and env_var() was given no default");
            }

            return missing.Count > 0 ? null : rendered;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            diagnostics.Error(DiagnosticCodes.TemplateRuntime, new SourceSpan(file, e.Span.Start.Line + 1, e.Span.Start.Column + 1), e.OriginalMessage);
            return null;
        }
    }
}
