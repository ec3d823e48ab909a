using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Manifest;

public static partial class ManifestBuilder
{
    /// <summary>Macros are Scriban `func` definitions in macros/*.sql; all of them share one scope every template can call.
    /// A macro that shadows a built-in or another macro is an error: Scriban would silently keep only one of them.</summary>
    private static (Dictionary<string, MacroInfo> Macros, ScriptObject Scope) ParseMacros(LoadedProject project, DiagnosticBag diagnostics, Templating.Jinja.JinjaEnvironment? jinja)
    {
        var macros = new Dictionary<string, MacroInfo>(StringComparer.Ordinal);
        var scope = new ScriptObject();
        foreach (var file in project.FilesOf(ProjectFileKind.Macro).Concat(project.FilesOf(ProjectFileKind.Test).Where(IsGenericTestFile)))
        {
            if (jinja is not null && IsJinjaFile(project, file))
            {
                ParseJinjaMacros(project, file, jinja, macros, diagnostics);
                continue;
            }

            var template = Template.Parse(file.Text, file.Path);
            // tests/generic files are also parsed as templates, which reports their syntax and Jinja errors once.
            var report = file.Kind == ProjectFileKind.Macro;
            if (template.HasErrors)
            {
                if (report)
                {
                    foreach (var m in template.Messages.Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error))
                    {
                        diagnostics.Error(DiagnosticCodes.TemplateSyntax, TemplateParser.ToSpan(file.Path, m.Span.Start), TemplateParser.SyntaxMessage(m.Message));
                    }
                }

                continue;
            }

            if (report)
            {
                JinjaSyntax.Report(file.Text, file.Path, template.Page, diagnostics);
            }

            var lines = file.Text.Split('\n');
            foreach (var fn in template.Page!.Body!.Statements.OfType<ScriptFunction>())
            {
                var name = (fn.NameOrDoToken as ScriptVariable)?.Name ?? string.Empty;
                var span = TemplateParser.ToSpan(file.Path, fn.Span.Start);
                if (TemplateRuntime.BuiltinNames.Contains(name))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateName, span, $"macro '{name}' has the name of a built-in function; rename it");
                    continue;
                }

                // A project macro replaces a shipped one of the same name; two of the project's own clash.
                if (macros.TryGetValue(name, out var existing) && !(existing.Package is not null && file.Package is null))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateName, span, $"macro '{name}' is already defined at {existing.Span}");
                    continue;
                }

                var sql = string.Join('\n', lines.Skip(fn.Span.Start.Line).Take(fn.Span.End.Line - fn.Span.Start.Line + 1));
                var parameters = fn.Parameters?.Select(p => p.Name?.Name ?? string.Empty).ToList() ?? [];
                macros[name] = new MacroInfo($"macro.{file.Package ?? project.Config.Name}.{name}", name, file.Path, sql, parameters, span, file.Package);
            }

            var context = new TemplateContext(TemplateRuntime.Builtins);
            context.PushGlobal(scope);
            try
            {
                template.Render(context);
            }
            catch (ScriptRuntimeException e)
            {
                diagnostics.Error(DiagnosticCodes.TemplateRuntime, TemplateParser.ToSpan(file.Path, e.Span.Start), e.OriginalMessage);
            }
        }

        // A macro's text is its value (MacroFunction), as in dbt; Jinja macros are values already.
        foreach (var (name, value) in scope.ToList())
        {
            if (value is IScriptCustomFunction function and not MacroFunction)
            {
                scope[name] = new MacroFunction(function);
            }
        }

        Dispatch(project.Target.Type, macros, scope);
        // Every render reads the macros concurrently and none may write to them.
        scope.IsReadOnly = true;
        return (macros, scope);
    }

    /// <summary>dbt's adapter.dispatch, resolved once at load: `name(...)` calls `&lt;type&gt;__name` when the target's
    /// adapter or the project defines one, else `default__name`; a project macro named plainly `name` wins over both.</summary>
    private static void Dispatch(string adapterType, Dictionary<string, MacroInfo> macros, ScriptObject scope)
    {
        const string Default = "default__";
        var prefix = adapterType + "__";
        var bases = macros.Keys.Where(k => k.StartsWith(Default, StringComparison.Ordinal)).Select(k => k[Default.Length..])
            .Concat(macros.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in bases)
        {
            if (macros.TryGetValue(name, out var own) && own.Package is null)
            {
                continue;
            }

            var chosen = macros.ContainsKey(prefix + name) ? prefix + name : Default + name;
            if (!macros.ContainsKey(chosen) || !scope.TryGetValue(chosen, out var function))
            {
                continue;
            }

            scope[name] = function;
            macros[name] = macros[chosen] with { Name = name, UniqueId = macros[chosen].UniqueId[..^chosen.Length] + name };
        }
    }

    /// <summary>Generic tests may live in tests/generic/*.sql as macros named test_&lt;name&gt;.</summary>
    private static bool IsGenericTestFile(ProjectFile f) => f.PathInResourceDir.StartsWith("generic/", StringComparison.Ordinal);
}
