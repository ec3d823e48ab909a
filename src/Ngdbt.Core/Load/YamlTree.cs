using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ngdbt.Load;

/// <summary>A light YAML node tree with positions, built straight from YamlDotNet's parser events. YamlDotNet's own
/// representation model costs three to four times the parse itself, which made a 2 MB schema file the slowest step
/// of a 10,000-model compile; this keeps YamlDotNet for the parsing and drops the rest.</summary>
public abstract class YamlNode
{
    public YamlPosition Start { get; init; }

    /// <summary>How many nodes this one expands to through aliases (the alias-bomb limit), kept on the node rather than
    /// in a table of all nodes, so a node nothing else holds can be collected while the rest of the file parses.</summary>
    internal long Weight { get; set; } = 1;
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
    /// <summary>The first document's root node, or null for an empty stream. Syntax errors surface as YamlException.
    /// <paramref name="consume"/>, when given, is offered each item of a list that is a value of the root mapping (a
    /// schema file's `models:` entries), with that value's key, as soon as the item is read: an item it takes (returns
    /// true for) is left out of the tree, so a big file never holds its whole tree at once.</summary>
    public static YamlNode? Read(string text, Func<string, YamlNode, bool>? consume = null)
    {
        var parser = new Parser(new StringReader(text));
        parser.MoveNext(); // StreamStart
        if (!parser.MoveNext() || parser.Current is StreamEnd)
        {
            return null;
        }

        parser.MoveNext(); // past DocumentStart, onto the root node's first event
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        return ReadNode(parser, anchors, null, consume);
    }

    /// <summary>How many nodes a document may expand to through aliases: a few hundred bytes of nested `&amp;a`/`*a` would
    /// otherwise expand to billions (an alias bomb).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Reads the node at the parser's current event. <paramref name="takeItem"/> is offered each item when the
    /// node is a list; <paramref name="consume"/> is passed on, per key, to the values of the node when it is a mapping
    /// (only the root gets one).</summary>
    private static YamlNode ReadNode(Parser parser, Dictionary<string, YamlNode> anchors, Func<YamlNode, bool>? takeItem, Func<string, YamlNode, bool>? consume)
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
                // A list with an anchor may be read again through an alias (`snapshots: *models`): it keeps its items.
                if (current is NodeEvent { Anchor.IsEmpty: false })
                {
                    takeItem = null;
                }

                long sequenceWeight = 1;
                while (parser.MoveNext() && parser.Current is not SequenceEnd)
                {
                    var item = ReadNode(parser, anchors, null, null);
                    sequenceWeight += item.Weight;
                    Limit(current, sequenceWeight);
                    if (takeItem?.Invoke(item) != true)
                    {
                        sequence.Children.Add(item);
                    }
                }

                node = sequence;
                node.Weight = sequenceWeight;
                break;
            case MappingStart:
                var mapping = new YamlMappingNode { Start = start };
                Dictionary<string, long>? seen = null;
                long mappingWeight = 1;
                while (parser.MoveNext() && parser.Current is not MappingEnd)
                {
                    var keyEvent = parser.Current!;
                    var key = ReadNode(parser, anchors, null, null);
                    // A key given twice would silently keep one of the values (YAML forbids it; `<<` merges are exempt).
                    if (key is YamlScalarNode { Value: { } name } && name != "<<" && FirstGiven(mapping, name, key.Start.Line, ref seen) is { } first)
                    {
                        throw new YamlException(keyEvent.Start, keyEvent.End, $"duplicate key '{name}' (first given on line {first})");
                    }

                    parser.MoveNext();
                    var take = consume is not null && key is YamlScalarNode { Value: { } keyName } ? item => consume(keyName, item) : (Func<YamlNode, bool>?)null;
                    var value = ReadNode(parser, anchors, take, null);
                    mapping.Children.Add(new KeyValuePair<YamlNode, YamlNode>(key, value));
                    mappingWeight += key.Weight + value.Weight;
                    Limit(current, mappingWeight);
                }

                node = mapping;
                node.Weight = mappingWeight;
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

    /// <summary>The line a key was first given on in this mapping, or null (and the key noted) when it is new. A small
    /// mapping (most are) is scanned; a big one gets an index, so neither costs a table per mapping nor n² time.</summary>
    private static long? FirstGiven(YamlMappingNode mapping, string name, long line, ref Dictionary<string, long>? index)
    {
        if (index is null && mapping.Children.Count < 8)
        {
            foreach (var (k, _) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { } given } && given == name)
                {
                    return k.Start.Line;
                }
            }

            return null;
        }

        if (index is null)
        {
            index = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (k, _) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { } given } && given != "<<")
                {
                    index.TryAdd(given, k.Start.Line);
                }
            }
        }

        return index.TryAdd(name, line) ? null : index[name];
    }

    private static void Limit(ParsingEvent at, long weight)
    {
        if (weight > MaxExpandedNodes)
        {
            throw new YamlException(at.Start, at.End, $"YAML aliases expand this document to more than {MaxExpandedNodes:N0} nodes; refusing to expand it (an alias bomb?)");
        }
    }
}
