using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Load;

namespace Ngdbt.Conversion;

/// <summary>Options of `ngdbt convert`: the dbt project, and where the native project goes (a new folder, or in place).</summary>
public sealed record ConvertOptions(string ProjectDir, string? OutDir, bool InPlace, bool Check);

/// <summary>What `ngdbt convert` did: templates converted to Scriban, kept in Jinja, other files copied.</summary>
public sealed record ConvertSummary(int Converted, int Kept, int Copied, string? OutDir, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Failed => Diagnostics.Any(d => d.IsError);
}

/// <summary>`ngdbt convert`: a dbt project (dbt_project.yml, Jinja) → a native ngdbt project (project.yml, Scriban) that
/// compiles to the same SQL. Whatever has no native form stays Jinja with warning NG0115, and the project says
/// `template-language: auto` so ngdbt reads those files as Jinja.</summary>
public static partial class ProjectConverter
{
    private static readonly string[] Skipped = ["target", "dbt_packages", "dbt_modules", "logs", ".git"];

    /// <summary>Macros dbt (and ngdbt) call by name from the Jinja front-end only.</summary>
    private static readonly HashSet<string> JinjaCalled = new(StringComparer.Ordinal) { "generate_schema_name", "generate_alias_name", "generate_database_name" };

    [GeneratedRegex(@"\b(?<name>[A-Za-z_]\w*)\s*\(")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"\bdbt_utils\.(?<macro>\w+)")]
    private static partial Regex DbtUtilsCall();

    public static ConvertSummary Run(ConvertOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var root = Path.GetFullPath(options.ProjectDir);
        var dbtFile = Path.Combine(root, "dbt_project.yml");
        var usage = new SourceSpan("dbt_project.yml", 1, 1);
        if (!File.Exists(dbtFile))
        {
            diagnostics.Error(DiagnosticCodes.UsageError, usage, $"no dbt_project.yml in {root}: ngdbt convert reads a dbt project");
            return new ConvertSummary(0, 0, 0, null, diagnostics.ToSortedList());
        }

        // A relative --out is inside the project folder, as target-path is.
        var outDir = options.InPlace ? root : Path.GetFullPath(Path.Combine(root, options.OutDir ?? Path.Combine("target", "converted")));
        if (!options.Check && !options.InPlace && Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            diagnostics.Error(DiagnosticCodes.UsageError, usage, $"--out {outDir} is not empty: give a new folder (or --in-place)");
            return new ConvertSummary(0, 0, 0, null, diagnostics.ToSortedList());
        }

        var dbtText = File.ReadAllText(dbtFile);
        var config = ProjectLoader.ReadProjectConfig(dbtText, "dbt_project.yml", new DiagnosticBag(), dbt: true);
        if (config is null)
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, usage, "dbt_project.yml does not read as a dbt project (run `ngdbt debug` in it for the reason)");
            return new ConvertSummary(0, 0, 0, null, diagnostics.ToSortedList());
        }

        var templateDirs = config.ModelPaths.Concat(config.TestPaths).Concat(config.SnapshotPaths).Concat(AnalysisPaths(dbtText)).Select(Normal).ToList();
        var macroDirs = config.MacroPaths.Select(Normal).Concat(config.TestPaths.Select(t => Normal(t) + "/generic")).ToList();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !Skipped.Any(s => f == s || f.StartsWith(s + "/", StringComparison.Ordinal)) && !IsInside(Path.Combine(root, f), outDir, root))
            .Order(StringComparer.Ordinal)
            .ToList();

        var units = new List<ConvertUnit>();
        var copied = new List<string>();
        foreach (var file in files.Where(f => f != "dbt_project.yml" && f != "project.yml"))
        {
            if (!file.EndsWith(".sql", StringComparison.Ordinal) || !templateDirs.Concat(macroDirs).Any(d => Under(file, d)))
            {
                copied.Add(file);
                continue;
            }

            var text = File.ReadAllText(Path.Combine(root, file));
            if (macroDirs.Any(d => Under(file, d)))
            {
                units.AddRange(MacroChunks.Split(text).Select(c => new ConvertUnit(file, c.Text, c.Start, c.Macro, inMacroFile: true)));
            }
            else
            {
                units.Add(new ConvertUnit(file, text, 0, null, inMacroFile: false));
            }
        }

        var booleanVars = config.Vars.Where(v => v.Value is bool).Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            ConvertOne(unit, booleanVars);
        }

        Settle(units);
        var hooks = (Converted: 0, Kept: 0);
        var projectYml = ProjectYamlConverter.Convert(dbtText, "dbt_project.yml", diagnostics, ok => hooks = ok ? (hooks.Converted + 1, hooks.Kept) : (hooks.Converted, hooks.Kept + 1));
        if (File.Exists(Path.Combine(root, "packages.yml")) || File.Exists(Path.Combine(root, "dependencies.yml")))
        {
            diagnostics.Warning(DiagnosticCodes.ConvertNotCarried, new SourceSpan(File.Exists(Path.Combine(root, "packages.yml")) ? "packages.yml" : "dependencies.yml", 1, 1),
                "packages are loaded for dbt projects only: the converted project does not read them (nor ngdbt's own dbt_utils)");
        }

        foreach (var unit in units.Where(u => u.Kept is not null))
        {
            foreach (Match call in DbtUtilsCall().Matches(unit.Text))
            {
                var (line, column) = ProjectWriter.Position(string.Concat(units.Where(u => u.Path == unit.Path).Select(u => u.Text)), unit.Start + call.Index);
                diagnostics.Warning(DiagnosticCodes.ConvertNotCarried, new SourceSpan(unit.Path, line, column),
                    $"'dbt_utils.{call.Groups["macro"].Value}' does not carry over: packages, ngdbt's own dbt_utils among them, load in dbt projects only (install the macro in macros/ instead)");
            }
        }

        var written = ProjectWriter.Plan(units, diagnostics);
        if (!options.Check)
        {
            ProjectWriter.Write(outDir, root, written, copied, projectYml, options.InPlace);
        }

        var keptFiles = written.Count(w => w.Jinja);
        return new ConvertSummary(written.Count - keptFiles, keptFiles, copied.Count, options.Check ? null : outDir, diagnostics.ToSortedList());
    }

    private static void ConvertOne(ConvertUnit unit, IReadOnlySet<string> booleanVars)
    {
        try
        {
            unit.Converted = TemplateConverter.Convert(unit.Text, booleanVars);
            if (unit.InMacroFile && unit.Converted.Macros.FirstOrDefault(JinjaCalled.Contains) is { } special)
            {
                unit.Keep($"macro {special} (ngdbt calls it as a Jinja macro only)", unit.Start + unit.Text.IndexOf(special, StringComparison.Ordinal));
            }
            else if (unit.InMacroFile && unit.Converted.Called.FirstOrDefault(c => c is "ref" or "source") is { } dependency)
            {
                // A native model's dependencies come from its own text; a ref inside a macro would be missed.
                unit.Keep($"{dependency}() inside a macro", unit.Start + Math.Max(0, unit.Text.IndexOf(dependency + "(", StringComparison.Ordinal)));
            }
        }
        catch (KeptInJinja kept)
        {
            unit.Keep(kept.Construct, unit.Start + kept.Offset);
        }
    }

    /// <summary>Scriban cannot call a Jinja macro, and a Jinja caller of a Scriban macro gets its text, not a value it
    /// `ret`urns: callers of kept macros stay Jinja, and so do returning macros with Jinja callers, until nothing moves.</summary>
    private static void Settle(List<ConvertUnit> units)
    {
        bool moved;
        do
        {
            moved = false;
            var keptMacros = units.Where(u => u.Kept is not null).SelectMany(u => u.Defines.Select(m => (Macro: m, u.Path))).DistinctBy(m => m.Macro).ToDictionary(m => m.Macro, m => m.Path, StringComparer.Ordinal);
            foreach (var unit in units.Where(u => u.Converted is not null))
            {
                if (unit.Converted!.Called.FirstOrDefault(keptMacros.ContainsKey) is { } callee)
                {
                    unit.Keep($"a call of macro '{callee}', which stays Jinja ({keptMacros[callee]})", unit.Start + Math.Max(0, unit.Text.IndexOf(callee, StringComparison.Ordinal)));
                    moved = true;
                }
            }

            var jinjaCalls = units.Where(u => u.Kept is not null).SelectMany(u => CallPattern().Matches(u.Text).Select(m => (Name: m.Groups["name"].Value, u.Path))).ToList();
            foreach (var unit in units.Where(u => u.Converted is { Returning.Count: > 0 }))
            {
                if (jinjaCalls.FirstOrDefault(c => unit.Converted!.Returning.Contains(c.Name)) is { Name: not null } caller)
                {
                    unit.Keep($"macro '{caller.Name}' returns a value to {caller.Path}, which stays Jinja", unit.Start + Math.Max(0, unit.Text.IndexOf(caller.Name, StringComparison.Ordinal)));
                    moved = true;
                }
            }
        }
        while (moved);
    }

    private static IEnumerable<string> AnalysisPaths(string dbtText)
        => Yaml.ParseMapping(dbtText, "dbt_project.yml", new DiagnosticBag()) is { } map && map.Get("analysis-paths") is { } node ? Yaml.StringList(node) : [];

    private static string Normal(string dir) => dir.Replace('\\', '/').TrimEnd('/');

    private static bool Under(string file, string dir) => dir.Length == 0 || dir == "." || file.StartsWith(dir + "/", StringComparison.Ordinal);

    private static bool IsInside(string path, string outDir, string root)
        => !string.Equals(outDir, root, StringComparison.Ordinal) && Path.GetFullPath(path).StartsWith(outDir + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
