using System.Globalization;
using Ngdbt.Diagnostics;
using YamlDotNet.Core;

namespace Ngdbt.Load;

/// <summary>YAML helpers that keep source positions, so every schema problem can point at its line and column.</summary>
internal static class Yaml
{
    /// <summary>The file's root mapping, or null (reported) when it has none. <paramref name="consume"/>: see
    /// <see cref="YamlTreeReader.Read"/>.</summary>
    public static YamlMappingNode? ParseMapping(string text, string file, DiagnosticBag diagnostics, bool allowEmpty = true, Func<string, YamlNode, bool>? consume = null)
    {
        YamlNode? root;
        try
        {
            root = YamlTreeReader.Read(text, consume);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            message = StripMarkPrefix(message);
            diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceSpan(file, (int)e.Start.Line, (int)e.Start.Column), $"invalid YAML: {message}");
            return null;
        }

        if (root is null or YamlScalarNode { Value: null or "" })
        {
            if (!allowEmpty)
            {
                diagnostics.Error(DiagnosticCodes.YamlSchema, new SourceSpan(file, 1, 1), "file is empty");
            }

            return allowEmpty ? new YamlMappingNode() : null;
        }

        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        diagnostics.Error(DiagnosticCodes.YamlSchema, Span(root, file), "expected a mapping (key: value) at the top of the file");
        return null;
    }

    private static string StripMarkPrefix(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " — we print our own position.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && idx > 0 ? message[(idx + 3)..] : message;
    }

    public static SourceSpan Span(YamlNode node, string file) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public static YamlNode? Get(this YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public static string? GetString(this YamlMappingNode map, string key) => map.Get(key) is YamlScalarNode s ? s.Value : null;

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlMappingNode map)
    {
        foreach (var (k, v) in map.Children)
        {
            yield return (k is YamlScalarNode s ? s.Value ?? string.Empty : k.ToString() ?? string.Empty, k, v);
        }
    }

    /// <summary>Converts a YAML node to plain values: dictionaries, lists, strings, longs, decimals (never floating point), bools, null.</summary>
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode s => ScalarValue(s),
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlMappingNode map => map.Entries().ToDictionary(e => e.Key, e => ToPlain(e.Value), StringComparer.Ordinal),
        _ => null,
    };

    public static object? ScalarValue(YamlScalarNode s)
    {
        var v = s.Value;
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return v ?? string.Empty;
        }

        if (v is null or "~" or "null" or "Null" or "NULL" or "")
        {
            return null;
        }

        if (v is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (v is "false" or "False" or "FALSE")
        {
            return false;
        }

        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return v;
    }

    public static IReadOnlyList<string> StringList(YamlNode? node) => node switch
    {
        null => [],
        YamlScalarNode s when s.Value is not null => [s.Value],
        YamlSequenceNode seq => [.. seq.Children.OfType<YamlScalarNode>().Select(c => c.Value ?? string.Empty)],
        _ => [],
    };
}
