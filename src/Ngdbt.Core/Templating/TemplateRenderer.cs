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

        var context = TemplateRuntime.CreateContext(scope, template.File);
        context.Evaluate(template.Ast!);
        return context.Output.ToString()!;
    }
}
