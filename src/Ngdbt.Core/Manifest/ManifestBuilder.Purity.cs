using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Manifest;

public static partial class ManifestBuilder
{
    /// <summary>The files whose text forms the macro scope (a part of every template cache key).</summary>
    private static bool IsMacroSource(ProjectFile f) => f.Kind == ProjectFileKind.Macro || (f.Kind == ProjectFileKind.Test && IsGenericTestFile(f));

    /// <summary>Which macros are pure (<see cref="TemplatePurity"/>): each macro name with the Scriban function that
    /// defines it (matched by position, so dispatched names follow the function chosen). A macro file with anything but
    /// functions and text at its top level (which could set any global) leaves no macro pure.</summary>
    private static TemplatePurity.MacroPurity MacroPurity(LoadedProject project, IReadOnlyDictionary<string, MacroInfo> macros, ScriptObject scope, Templating.Jinja.JinjaEnvironment? jinja)
    {
        var functions = new Dictionary<SourceSpan, ScriptFunction>();
        var clean = true;
        foreach (var file in project.Files.Where(IsMacroSource))
        {
            if (jinja is not null && IsJinjaFile(project, file))
            {
                continue;
            }

            var template = Template.Parse(file.Text, file.Path);
            if (template.HasErrors)
            {
                continue;
            }

            foreach (var statement in template.Page?.Body?.Statements ?? [])
            {
                switch (statement)
                {
                    case ScriptFunction fn:
                        functions[TemplateParser.ToSpan(file.Path, fn.Span.Start)] = fn;
                        break;
                    case ScriptRawStatement or ScriptEscapeStatement or ScriptNopStatement:
                        break;
                    default:
                        clean = false;
                        break;
                }
            }
        }

        var byName = macros.ToDictionary(m => m.Key, m => clean ? functions.GetValueOrDefault(m.Value.Span) : null, StringComparer.Ordinal);
        return TemplatePurity.Macros(byName, scope.Keys);
    }
}
