using Ngdbt.Diagnostics;

namespace Ngdbt.Load;

/// <summary>Stage 1: reads project.yml, profiles.yml and every project file into memory. Never throws on bad input.</summary>
public static partial class ProjectLoader
{
    public const string ProjectFileName = "project.yml";
    public const string ProfilesFileName = "profiles.yml";

    /// <summary>dbt's project file, read when there is no project.yml: templates are then dbt's Jinja.</summary>
    public const string DbtProjectFileName = "dbt_project.yml";

    public static LoadResult Load(LoadOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var root = Path.GetFullPath(options.ProjectDir);
        var projectPath = Path.Combine(root, ProjectFileName);
        var dbt = !File.Exists(projectPath) && File.Exists(Path.Combine(root, DbtProjectFileName));
        if (dbt)
        {
            projectPath = Path.Combine(root, DbtProjectFileName);
        }

        if (!File.Exists(projectPath))
        {
            diagnostics.Error(DiagnosticCodes.FileMissing, SourceSpan.None(projectPath), $"no {ProjectFileName} (or dbt's {DbtProjectFileName}) found in '{root}' (use --project-dir to point at the project)");
            return new LoadResult(null, diagnostics.ToSortedList());
        }

        var env = new EnvironmentReader(options.Environment);
        var configText = File.ReadAllText(projectPath);
        var config = ReadProjectConfig(configText, dbt ? DbtProjectFileName : ProjectFileName, diagnostics, dbt);
        if (config is null)
        {
            return new LoadResult(null, diagnostics.ToSortedList());
        }

        var target = ReadProfile(root, options, config.ProfileName, env, diagnostics);
        var vars = MergeVars(config.Vars, options.VarsYaml, diagnostics);
        var files = EnumerateFiles(root, config, diagnostics);
        if (target is null)
        {
            return new LoadResult(null, diagnostics.ToSortedList());
        }

        if (config.TemplateLanguage != "scriban")
        {
            config = RenderConfigValues(config, vars, target, env.Get, diagnostics);
        }

        files.InsertRange(0, ShippedMacros(options.Adapters?.Find(target.Type)));
        // Packages (and ngdbt's own dbt_utils) are Jinja: a dbt project, and a native project that reads Jinja files
        // (template-language: jinja|auto, e.g. one made by `ngdbt convert`), load them.
        if (config.IsDbtProject || config.TemplateLanguage != "scriban")
        {
            files.AddRange(PackageMacros(root, diagnostics));
            files.AddRange(ShippedDbtUtils(files).ToList());
        }

        var project = new LoadedProject(root, config, target, vars, files) {
            AdapterConfigKeys = options.Adapters?.ConfigKeys ?? new HashSet<string>(),
            AdapterTypes = (options.Adapters?.Types ?? []).ToHashSet(StringComparer.Ordinal),
            TargetConfigKeys = (options.Adapters?.Find(target.Type)?.ConfigKeys ?? []).ToHashSet(StringComparer.Ordinal),
            ConfigText = configText,
        };
        return new LoadResult(project, diagnostics.ToSortedList());
    }

    private static IReadOnlyDictionary<string, object?> MergeVars(IReadOnlyDictionary<string, object?> projectVars, string? cliVars, DiagnosticBag diagnostics)
    {
        var merged = new Dictionary<string, object?>(projectVars, StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(cliVars))
        {
            return merged;
        }

        var map = Yaml.ParseMapping(cliVars, "--vars", diagnostics);
        if (map is null)
        {
            return merged;
        }

        foreach (var (key, _, value) in map.Entries())
        {
            merged[key] = Yaml.ToPlain(value);
        }

        return merged;
    }

    /// <summary>ngdbt's cross-database macros and the target adapter's overrides of them, parsed before the project's.</summary>
    private static IEnumerable<ProjectFile> ShippedMacros(Adapters.IAdapterFactory? adapter)
    {
        var assembly = typeof(ProjectLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ngdbt.macros.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var file = "<ngdbt>/macros/" + name["ngdbt.macros.".Length..];
            yield return new ProjectFile(ProjectFileKind.Macro, file, file, file, reader.ReadToEnd(), "ngdbt");
        }

        foreach (var macro in adapter?.Macros ?? [])
        {
            var file = $"<{macro.Package}>/{macro.Path}";
            yield return new ProjectFile(ProjectFileKind.Macro, file, file, file, macro.Text, macro.Package);
        }
    }

    /// <summary>Project files must be UTF-8: invalid bytes are refused with their offset rather than silently turned into
    /// U+FFFD inside SQL.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static List<ProjectFile> EnumerateFiles(string root, ProjectConfig config, DiagnosticBag diagnostics)
    {
        var files = new List<ProjectFile>();
        void Add(IEnumerable<string> dirs, ProjectFileKind kind, string pattern, ProjectFileKind? yamlKind)
        {
            foreach (var dir in dirs)
            {
                var full = Path.Combine(root, dir);
                if (!Directory.Exists(full))
                {
                    continue;
                }

                foreach (var path in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var inDir = Path.GetRelativePath(full, path).Replace('\\', '/');
                    var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
                    if (inDir.Split('/').Any(p => p.StartsWith('.')))
                    {
                        continue;
                    }

                    if (path.EndsWith(pattern, StringComparison.OrdinalIgnoreCase))
                    {
                        files.Add(new ProjectFile(kind, rel, inDir, path, string.Empty));
                    }
                    else if (yamlKind is { } yk && (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
                    {
                        files.Add(new ProjectFile(yk, rel, inDir, path, string.Empty));
                    }
                }
            }
        }

        Add(config.ModelPaths, ProjectFileKind.Model, ".sql", ProjectFileKind.Schema);
        Add(config.SeedPaths, ProjectFileKind.Seed, ".csv", ProjectFileKind.Schema);
        Add(config.SnapshotPaths, ProjectFileKind.Snapshot, ".sql", ProjectFileKind.Schema);
        Add(config.MacroPaths, ProjectFileKind.Macro, ".sql", ProjectFileKind.Schema);
        Add(config.TestPaths, ProjectFileKind.Test, ".sql", ProjectFileKind.Schema);
        if (config.TemplateLanguage != "scriban")
        {
            // dbt reads {% docs %} blocks from Markdown files in its resource folders.
            Add([.. config.ModelPaths, .. config.DocsPaths], ProjectFileKind.Docs, ".md", null);
            Add(config.ModelPaths, ProjectFileKind.PythonModel, ".py", null);
        }

        // A file can be reachable from two configured paths; keep the first. Contents are read in parallel (seeds are
        // read by the database when they load, not here).
        var unique = files.DistinctBy(f => f.Path).ToArray();
        var invalid = new System.Collections.Concurrent.ConcurrentBag<(string Path, int Offset)>();
        Parallel.For(0, unique.Length, i =>
        {
            if (unique[i].Kind != ProjectFileKind.Seed)
            {
                try
                {
                    var bytes = File.ReadAllBytes(unique[i].FullPath);
                    var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
                    unique[i] = unique[i] with { Text = StrictUtf8.GetString(bytes, bom, bytes.Length - bom) };
                }
                catch (System.Text.DecoderFallbackException e)
                {
                    invalid.Add((unique[i].Path, e.Index + (File.ReadAllBytes(unique[i].FullPath).AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0)));
                }
            }
        });
        foreach (var (path, offset) in invalid.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.FileMissing, new SourceSpan(path, 1, 1), $"the file is not valid UTF-8 (invalid byte at offset {offset}); save it as UTF-8");
        }

        return [.. unique];
    }

    private sealed class EnvironmentReader(IReadOnlyDictionary<string, string?>? overrides)
    {
        public string? Get(string name) => overrides is not null && overrides.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
    }
}
