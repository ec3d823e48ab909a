using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>A template function that sees its call site (for error positions) and its named arguments,
/// which Scriban does not pass to custom functions as values.</summary>
internal sealed class DelegateFunction(Func<TemplateContext, ScriptFunctionCall?, IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> body) : IScriptCustomFunction
{
    public int RequiredParameterCount => 0;

    public int ParameterCount => 0;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "args");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var call = callerContext as ScriptFunctionCall;
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (call is not null)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument is ScriptNamedArgument { Name: { } argName, Value: { } argValue })
                {
                    named[argName.Name] = ToPlain(context.Evaluate(argValue));
                }
            }
        }

        return body(context, call, [.. arguments.Select(ToPlain)], named) ?? string.Empty;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new(Invoke(context, callerContext, arguments, blockStatement));

    /// <summary>Scriban arrays and objects become plain lists and dictionaries, ints become longs. YAML vars arrive as
    /// decimals; a fractional literal typed inside a template is a Scriban double, so money belongs in vars or SQL.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        ScriptArray a => a.Select(ToPlain).ToList(),
        ScriptObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value), StringComparer.Ordinal),
        int i => (long)i,
        _ => value,
    };
}
