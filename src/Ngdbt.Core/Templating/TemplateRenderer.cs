namespace Ngdbt.Templating;

/// <summary>Renders a parsed template with a scope, whichever front-end parsed it (Scriban or Jinja). Scriban errors
/// surface as <see cref="Scriban.Syntax.ScriptRuntimeException"/>, Jinja ones as <see cref="Jinja.JinjaRenderException"/>.</summary>
public static class TemplateRenderer
{
    public static string Render(ParsedTemplate template, RenderScope scope)
    {
        if (template.Jinja is { } jinja)
        {
            return Jinja.JinjaFrontEnd.Render(jinja, scope);
        }

        // A context costs ~20 KB to set up (Scriban's argument pools); tens of thousands of renders reuse one per
        // thread. Each render still gets its own globals, and Reset leaves only the builtins (Scriban's contract for
        // reuse on one thread). A render that throws leaves its context to the collector: its stacks may be mid-statement.
        var context = TemplateRuntime.CreateContext(scope, template.File, _spare);
        _spare = null;
        context.Evaluate(template.Ast!);
        var output = context.Output.ToString()!;
        context.Reset();
        context.ResetPreviousNewLine();
        _spare = context;
        return output;
    }

    /// <summary>This thread's context a finished render gave back (null while a render on this thread runs, so a
    /// render within a render makes its own).</summary>
    [ThreadStatic]
    private static Scriban.TemplateContext? _spare;
}
