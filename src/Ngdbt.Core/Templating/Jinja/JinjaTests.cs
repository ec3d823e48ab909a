using System.Collections;

namespace Ngdbt.Templating.Jinja;

/// <summary>Jinja's tests (<c>x is defined</c>, <c>x is none</c>, ...). An unknown test is an error naming it.</summary>
internal static class JinjaTests
{
    private static readonly string[] Known =
    [
        "defined", "undefined", "none", "string", "number", "integer", "float", "mapping", "iterable", "sequence", "boolean", "true",
        "false", "callable", "eq", "equalto", "ne", "lt", "gt", "le", "ge", "in", "divisibleby", "odd", "even", "lower", "upper", "sameas",
    ];

    public static bool Apply(string name, object? value, IReadOnlyList<object?> args, int offset)
    {
        object? Other() => args.Count > 0 ? args[0] : throw new JinjaException($"test '{name}' needs an argument", offset);
        try
        {
            return name switch
            {
                "defined" => value is not Undefined,
                "undefined" => value is Undefined,
                "none" => value is null,
                "string" => value is string,
                "number" => JinjaValues.IsNumber(value),
                "integer" => value is long or int,
                "float" => value is decimal or double,
                "mapping" => value is IDictionary,
                "iterable" => value is IEnumerable,
                "sequence" => value is IList or string,
                "boolean" => value is bool,
                "true" => value is true,
                "false" => value is false,
                "callable" => value is IJinjaCallable,
                "eq" or "equalto" or "==" => JinjaValues.Equals(value, Other()),
                "ne" or "!=" => !JinjaValues.Equals(value, Other()),
                "lt" or "<" => JinjaValues.Compare(value, Other()) < 0,
                "gt" or ">" => JinjaValues.Compare(value, Other()) > 0,
                "le" or "<=" => JinjaValues.Compare(value, Other()) <= 0,
                "ge" or ">=" => JinjaValues.Compare(value, Other()) >= 0,
                "in" => JinjaValues.Contains(Other(), value),
                "divisibleby" => JinjaValues.ToDecimal(value) % JinjaValues.ToDecimal(Other()) == 0,
                "odd" => JinjaValues.ToDecimal(value) % 2 != 0,
                "even" => JinjaValues.ToDecimal(value) % 2 == 0,
                "lower" => value is string l && l == l.ToLowerInvariant(),
                "upper" => value is string u && u == u.ToUpperInvariant(),
                "sameas" => ReferenceEquals(value, Other()) || (value is null && Other() is null) || (value is bool b && Other() is bool o && b == o),
                _ => throw new JinjaException($"unknown test '{name}'{Load.Suggest.Hint(Load.Suggest.Closest(name, Known))}", offset),
            };
        }
        catch (InvalidCastException e)
        {
            throw new JinjaException($"test '{name}': {e.Message}", offset);
        }
    }
}
