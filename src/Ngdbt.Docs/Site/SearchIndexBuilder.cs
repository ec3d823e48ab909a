using System.Text;
using Ngdbt.Docs.Artifacts;

namespace Ngdbt.Docs.Site;

/// <summary>Sorted token list + postings, so the browser answers prefix queries by binary search.</summary>
internal sealed record SearchIndex(IReadOnlyList<string> Tokens, IReadOnlyList<List<int>> Postings);

/// <summary>
/// Builds the precomputed search index over names (weight 8), column names (4), tags/paths/schemas (2)
/// and description words (1). Identifiers are indexed whole and by their <c>_</c>/<c>.</c> parts.
/// Postings are flat pairs: node index, weight.
/// </summary>
internal static class SearchIndexBuilder
{
    private static readonly HashSet<string> StopWords =
        ["the", "a", "an", "of", "and", "or", "to", "in", "is", "for", "on", "by", "with", "this", "that", "it", "as", "at", "be", "are", "from"];

    public static SearchIndex Build(IReadOnlyList<DocNode> nodes)
    {
        var map = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            AddIdentifier(map, node.Name, i, 8);
            foreach (var column in node.Columns)
            {
                AddIdentifier(map, column.Name, i, 4);
                AddText(map, column.Description, i, 1);
            }
            foreach (var tag in node.Tags) AddIdentifier(map, tag, i, 2);
            AddIdentifier(map, node.Schema, i, 1);
            AddIdentifier(map, node.ResourceType, i, 1);
            AddText(map, node.OriginalFilePath, i, 1);
            AddText(map, node.Description, i, 1);
        }
        var tokens = map.Keys.ToList();
        tokens.Sort(StringComparer.Ordinal);
        var postings = tokens.Select(t =>
        {
            var flat = new List<int>(map[t].Count * 2);
            foreach (var (node, weight) in map[t]) { flat.Add(node); flat.Add(weight); }
            return flat;
        }).ToList();
        return new SearchIndex(tokens, postings);
    }

    private static void AddIdentifier(Dictionary<string, Dictionary<int, int>> map, string? text, int node, int weight)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var whole = text.Trim().ToLowerInvariant();
        Add(map, whole, node, weight);
        foreach (var part in Split(whole)) if (part != whole) Add(map, part, node, weight);
    }

    private static void AddText(Dictionary<string, Dictionary<int, int>> map, string? text, int node, int weight)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        foreach (var word in text.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r', ',', ';', '(', ')', '/', '`', '*', '"', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Trim('.', ':', '!', '?', '[', ']', '#', '<', '>', '-');
            if (w.Length == 0 || StopWords.Contains(w)) continue;
            AddIdentifier(map, w, node, weight);
        }
    }

    private static IEnumerable<string> Split(string identifier)
    {
        var current = new StringBuilder();
        foreach (var ch in identifier)
        {
            if (char.IsLetterOrDigit(ch)) { current.Append(ch); continue; }
            if (current.Length > 0) { yield return current.ToString(); current.Clear(); }
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private static void Add(Dictionary<string, Dictionary<int, int>> map, string token, int node, int weight)
    {
        if (token.Length > 64) return;
        if (!map.TryGetValue(token, out var postings)) map[token] = postings = new Dictionary<int, int>();
        postings[node] = postings.TryGetValue(node, out var w) ? Math.Max(w, weight) : weight;
    }
}
