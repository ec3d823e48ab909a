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

            candidates.Add(root);
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

        var type = output.GetString("type") ?? "duckdb";
        var threadsText = output.GetString("threads");
        var threads = options.Threads ?? (int.TryParse(threadsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : 4);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (output.Get("settings") is YamlMappingNode s)
        {
            foreach (var (k, _, v) in s.Entries())
            {
                settings[k] = (v as YamlScalarNode)?.Value ?? string.Empty;
            }
        }

        var secrets = output.Entries()
            .Where(e => TargetConfig.SecretKeys.Contains(e.Key))
            .ToDictionary(e => e.Key, e => (e.Value as YamlScalarNode)?.Value ?? string.Empty, StringComparer.Ordinal);
        var dbPath = output.GetString("path") ?? ":memory:";
        if (dbPath != ":memory:" && !Path.IsPathRooted(dbPath))
        {
            dbPath = Path.GetFullPath(Path.Combine(root, dbPath));
        }

        return new TargetConfig(profileName, targetName, type, dbPath, output.GetString("schema") ?? "main", Math.Max(1, threads), settings, secrets, display);
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
