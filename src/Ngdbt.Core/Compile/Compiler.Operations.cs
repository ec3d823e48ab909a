using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;
using Scriban.Syntax;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    /// <summary>Renders a project operation (`on-run-start` / `on-run-end`): vars, env_var, target and macros are
    /// available; ref/source/this are not, since an operation belongs to no node.</summary>
    /// <param name="globals">More names the operation sees (on-run-end: `results` and `schemas`, as in dbt).</param>
    public static (string? Sql, Diagnostic? Error) RenderOperation(ProjectManifest manifest, string text, string what, IReadOnlyDictionary<string, object?>? globals = null)
    {
        var span = new SourceSpan(manifest.Project.Config.File, 1, 1);
        if (manifest.Jinja is { } jinja && manifest.IsJinja(text))
        {
            return RenderJinjaOperation(manifest, jinja, text, what, span, globals);
        }

        var page = TemplateParser.ParseSnippet(text, manifest.Project.Config.File, out var errors);
        if (page is null)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.TemplateSyntax, span, $"in {what}: {string.Join("; ", errors)}"));
        }

        var scope = OperationScope(manifest, name => throw new ScriptRuntimeException(default, $"{name}() is not available in {what} (it belongs to no node)")) with { Globals = globals };
        try
        {
            var context = TemplateRuntime.CreateContext(scope, manifest.Project.Config.File);
            context.Evaluate(page);
            return (context.Output.ToString()!.Trim(), null);
        }
        catch (ScriptRuntimeException e)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.TemplateRuntime, span, $"in {what}: {e.OriginalMessage}"));
        }
    }

    private static (string? Sql, Diagnostic? Error) RenderJinjaOperation(ProjectManifest manifest, Templating.Jinja.JinjaEnvironment jinja, string text, string what, SourceSpan span, IReadOnlyDictionary<string, object?>? globals)
    {
        var scope = OperationScope(manifest, name => throw new CompileException(Diagnostic.Error(DiagnosticCodes.TemplateRuntime, span, $"{name}() is not available in {what} (it belongs to no node)"))) with
        {
            Jinja = new Templating.Jinja.JinjaExtras(jinja) { Execute = true, Graph = () => Templating.Jinja.JinjaGraph.Build(manifest) },
            Globals = globals,
        };
        try
        {
            return (Templating.Jinja.JinjaFrontEnd.RenderSnippet(text, manifest.Project.Config.File, scope).Trim(), null);
        }
        catch (Templating.Jinja.JinjaRenderException e)
        {
            return (null, e.Diagnostic with { Message = $"in {what}: {e.Diagnostic.Message}" });
        }
        catch (CompileException e)
        {
            return (null, e.Diagnostic);
        }
    }

    /// <summary>What an operation's template sees: vars, env_var, target and macros; ref/source call
    /// <paramref name="unavailable"/>, which throws the front-end's own error.</summary>
    private static RenderScope OperationScope(ProjectManifest manifest, Func<string, string> unavailable) => new(
        Ref: _ => unavailable("ref"),
        Source: _ => unavailable("source"),
        IsIncremental: () => false,
        This: null,
        Vars: manifest.Project.Vars,
        EnvVar: Environment.GetEnvironmentVariable,
        Target: ManifestBuilder.TargetObject(manifest.Project.Target),
        Macros: manifest.MacroScope);
}
