using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Templating.Jinja;

/// <summary>Lets a Jinja template call a Scriban macro of the same scope (ngdbt's shipped cross-database macros, a
/// project's Scriban macros): the call is rendered as a one-line Scriban template with the arguments as globals.</summary>
internal sealed class ScribanBridge(RenderScope scope, string file)
{
    public IJinjaCallable Function(string name) => new JinjaFunction(c => Invoke(name, c));

    public IJinjaCallable? FunctionOrNull(string name) => scope.Macros is not null && scope.Macros.ContainsKey(name) ? Function(name) : null;

    private object? Invoke(string name, JinjaCall call)
    {
        var context = TemplateRuntime.CreateContext(scope with { Jinja = null }, file);
        var globals = new ScriptObject();
        var arguments = new List<string>();
        for (var i = 0; i < call.Args.Count; i++)
        {
            globals["__jinja_a" + i] = ToScriban(call.Args[i]);
            arguments.Add("__jinja_a" + i);
        }

        foreach (var (key, value) in call.Kwargs)
        {
            globals["__jinja_k_" + key] = ToScriban(value);
            arguments.Add($"{key}: __jinja_k_{key}");
        }

        context.PushGlobal(globals);
        var template = Template.Parse($"{{{{ {name}({string.Join(", ", arguments)}) }}}}", file);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw call.Error($"in macro '{name}': {e.OriginalMessage}");
        }
    }

    private static object? ToScriban(object? value) => value switch
    {
        Undefined => null,
        IDictionary<string, object?> d => ToObject(d),
        System.Collections.IList l when value is not string => new ScriptArray(l.Cast<object?>().Select(ToScriban)),
        _ => value,
    };

    private static ScriptObject ToObject(IDictionary<string, object?> d)
    {
        var o = new ScriptObject();
        foreach (var (k, v) in d)
        {
            o[k] = ToScriban(v);
        }

        return o;
    }
}
