using Scriban.Syntax;

namespace Ngdbt.Templating;

/// <summary>Reads `config(...)` arguments that are plain literals (strings, numbers, booleans, lists, objects) straight
/// from the AST. Almost every config call is literal; only the others pay for a Scriban evaluation.</summary>
internal static class LiteralEvaluator
{
    public static bool TryConfig(ScriptFunctionCall call, string file, out ConfigCall? config)
    {
        config = null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var spans = new Dictionary<string, Diagnostics.SourceSpan>(StringComparer.Ordinal);
        foreach (var argument in call.Arguments)
        {
            if (argument is not ScriptNamedArgument { Name: { } name, Value: { } value } || !TryValue(value, out var plain))
            {
                return false;
            }

            values[name.Name] = plain;
            spans[name.Name] = TemplateParser.ToSpan(file, name.Span.Start);
        }

        config = new ConfigCall(values, spans);
        return true;
    }

    private static bool TryValue(ScriptExpression expression, out object? value)
    {
        value = null;
        switch (expression)
        {
            case ScriptLiteral literal:
                value = literal.Value is int i ? (long)i : literal.Value;
                return true;
            case ScriptArrayInitializerExpression array:
                var list = new List<object?>();
                foreach (var item in array.Values)
                {
                    if (!TryValue(item, out var v))
                    {
                        return false;
                    }

                    list.Add(v);
                }

                value = list;
                return true;
            case ScriptObjectInitializerExpression obj:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var member in obj.Members)
                {
                    var key = member.Name switch
                    {
                        ScriptVariable variable => variable.Name,
                        ScriptLiteral { Value: string s } => s,
                        _ => null,
                    };
                    if (key is null || member.Value is null || !TryValue(member.Value, out var v))
                    {
                        return false;
                    }

                    dict[key] = v;
                }

                value = dict;
                return true;
            default:
                return false;
        }
    }
}
