using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>
/// A project macro (a Scriban `func` in macros/*.sql) as templates call it: its rendered text is its value, as a dbt
/// macro's is. Scriban itself writes a function's text to the output wherever it is called, and returns nothing, so
/// `config(materialized: my_macro())` or `{{ x = my_macro() }}` put the text into the compiled SQL at that spot and
/// gave the config or variable nothing (a silent change of the SQL). Called as a statement (`{{ my_macro() }}`) the
/// returned text is written once, where it was before. A macro that `ret`urns a value keeps Scriban's behaviour: its
/// text is written and the value returned. A macro that writes nothing gives null.
/// </summary>
internal sealed class MacroFunction(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => inner.ReturnType;

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        context.PushOutput();
        object? value;
        string text;
        try
        {
            value = inner.Invoke(context, callerContext!, arguments, blockStatement!);
        }
        finally
        {
            text = context.PopOutput().ToString() ?? string.Empty;
        }

        if (value is null)
        {
            // nothing written and nothing returned (`ret null`, an empty body) stays nothing: an unset config
            return text.Length == 0 ? null : text;
        }

        context.Write(text);
        return value;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new(Invoke(context, callerContext, arguments, blockStatement));
}
