using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Manifest;

public static partial class ManifestBuilder
{
    /// <summary>The Jinja environment of a project any of whose templates are Jinja: its docs blocks are read here, its
    /// macros with the other macros.</summary>
    private static JinjaEnvironment? NewJinjaEnvironment(LoadedProject project, DiagnosticBag diagnostics)
    {
        if (project.Config.TemplateLanguage == "scriban")
        {
            return null;
        }

        var environment = new JinjaEnvironment(project.Config.Name, project.Target.Type);
        foreach (var (ns, order) in project.Config.Dispatch)
        {
            environment.DispatchOrder[ns] = order;
        }

        foreach (var file in project.FilesOf(ProjectFileKind.Docs))
        {
            JinjaFrontEnd.LoadDocs(environment, file.Text, file.Path, diagnostics);
        }

        return environment;
    }

    /// <summary>Files shipped with ngdbt or an adapter stay Scriban, except ngdbt's own dbt_utils (Jinja); a project's
    /// own (and its packages') follow the project's template language.</summary>
    private static bool IsJinjaFile(LoadedProject project, ProjectFile file)
        => file.Path.StartsWith(ProjectLoader.ShippedDbtUtilsPrefix, StringComparison.Ordinal)
            || (!file.Path.StartsWith('<') && project.Config.IsJinja(file.Text));

    private static void ParseJinjaMacros(LoadedProject project, ProjectFile file, JinjaEnvironment jinja, Dictionary<string, MacroInfo> macros, DiagnosticBag diagnostics)
    {
        var lines = file.Text.Split('\n');
        foreach (var (name, span, parameters) in JinjaFrontEnd.LoadMacros(jinja, file.Text, file.Path, file.Package, diagnostics))
        {
            if (TemplateRuntime.BuiltinNames.Contains(name))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, span, $"macro '{name}' has the name of a built-in function; rename it");
                continue;
            }

            if (macros.TryGetValue(name, out var existing) && existing.Package == file.Package)
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, span, $"macro '{name}' is already defined at {existing.Span}");
                continue;
            }

            var end = Array.FindIndex(lines, span.Line - 1, l => l.Contains("endmacro", StringComparison.Ordinal) || l.Contains("endtest", StringComparison.Ordinal));
            var sql = string.Join('\n', lines.Skip(span.Line - 1).Take((end < 0 ? lines.Length : end + 1) - span.Line + 1));
            if (!macros.ContainsKey(name) || file.Package is null)
            {
                macros[name] = new MacroInfo($"macro.{file.Package ?? project.Config.Name}.{name}", name, file.Path, sql, parameters, span, file.Package);
            }
        }
    }

    private static ConfigCall? EvaluateJinjaConfig(string file, JinjaTemplate template, object call, RenderScope scope, DiagnosticBag diagnostics)
    {
        ConfigCall? captured = null;
        try
        {
            JinjaFrontEnd.EvaluateCall(template, call, scope with { OnConfig = c => captured = c });
        }
        catch (JinjaRenderException e)
        {
            diagnostics.Add(e.Diagnostic with { Message = "in config(): " + e.Diagnostic.Message });
        }

        return captured;
    }
}
