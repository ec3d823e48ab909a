using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ngdbt.Load;

/// <summary>A light YAML node tree with positions, built straight from YamlDotNet's parser events. YamlDotNet's own
/// representation model costs three to four times the parse itself, which made a 2 MB schema file the slowest step
/// of a 10,000-model compile; this keeps YamlDotNet for the parsing and drops the rest.</summary>
public abstract class YamlNode
{
    public YamlPosition Start { get; init; }
}

public readonly record struct YamlPosition(long Line, long Column);

public sealed class YamlScalarNode(string? value) : YamlNode
{
    public string? Value { get; } = value;

    public ScalarStyle Style { get; init; } = ScalarStyle.Plain;

    public override string ToString() => Value ?? string.Empty;
}

public sealed class YamlSequenceNode : YamlNode
{
    public List<YamlNode> Children { get; } = [];
}

public sealed class YamlMappingNode : YamlNode
{
    public YamlMappingNode()
    {
    }

    public YamlMappingNode(IEnumerable<KeyValuePair<YamlNode, YamlNode>> children) => Children.AddRange(children);

    public List<KeyValuePair<YamlNode, YamlNode>> Children { get; } = [];
}

internal static class YamlTreeReader
{
    /// <summary>The first document's root node, or null for an empty stream. Syntax errors surface as YamlException.</summary>
    public static YamlNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.MoveNext(); // StreamStart
        if (!parser.MoveNext() || parser.Current is StreamEnd)
        {
            return null;
        }

        parser.MoveNext(); // past DocumentStart, onto the root node's first event
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        return ReadNode(parser, anchors, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>How many nodes a document may expand to through aliases: a few hundred bytes of nested `&amp;a`/`*a` would
    /// otherwise expand to billions (an alias bomb).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    private static long Weight(YamlNode node, Dictionary<YamlNode, long> weights) => weights.GetValueOrDefault(node, 1);

    private static YamlNode ReadNode(Parser parser, Dictionary<string, YamlNode> anchors, Dictionary<YamlNode, long> weights)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of YAML");
        var start = new YamlPosition(current.Start.Line, current.Start.Column);
        YamlNode node;
        switch (current)
        {
            case Scalar scalar:
                node = new YamlScalarNode(scalar.Value) { Style = scalar.Style, Start = start };
                break;
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(current.Start, current.End, $"unknown anchor '*{alias.Value.Value}'");
            case SequenceStart:
                var sequence = new YamlSequenceNode { Start = start };
                long sequenceWeight = 1;
                while (parser.MoveNext() && parser.Current is not SequenceEnd)
                {
                    var item = ReadNode(parser, anchors, weights);
                    sequence.Children.Add(item);
                    sequenceWeight += Weight(item, weights);
                }

                node = sequence;
                Limit(current, weights[node] = sequenceWeight);
                break;
            case MappingStart:
                var mapping = new YamlMappingNode { Start = start };
                var seen = new Dictionary<string, long>(StringComparer.Ordinal);
                long mappingWeight = 1;
                while (parser.MoveNext() && parser.Current is not MappingEnd)
                {
                    var keyEvent = parser.Current!;
                    var key = ReadNode(parser, anchors, weights);
                    // A key given twice would silently keep one of the values (YAML forbids it; `<<` merges are exempt).
                    if (key is YamlScalarNode { Value: { } name } && name != "<<" && !seen.TryAdd(name, key.Start.Line))
                    {
                        throw new YamlException(keyEvent.Start, keyEvent.End, $"duplicate key '{name}' (first given on line {seen[name]})");
                    }

                    parser.MoveNext();
                    var value = ReadNode(parser, anchors, weights);
                    mapping.Children.Add(new KeyValuePair<YamlNode, YamlNode>(key, value));
                    mappingWeight += Weight(key, weights) + Weight(value, weights);
                }

                node = mapping;
                Limit(current, weights[node] = mappingWeight);
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected YAML event {current.GetType().Name}");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private static void Limit(ParsingEvent at, long weight)
    {
        if (weight > MaxExpandedNodes)
        {
            throw new YamlException(at.Start, at.End, $"YAML aliases expand this document to more than {MaxExpandedNodes:N0} nodes; refusing to expand it (an alias bomb?)");
        }
    }
}
