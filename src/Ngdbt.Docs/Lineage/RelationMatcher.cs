namespace Ngdbt.Docs.Lineage;

/// <summary>Matches <c>catalog.schema.table</c> references to known relations (case-insensitive, quote-aware).</summary>
internal sealed class RelationMatcher
{
    private static readonly KnownRelation Ambiguous = new("<ambiguous>", null, "", []);
    private readonly Dictionary<string, KnownRelation> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, KnownRelation> _byName = new(StringComparer.OrdinalIgnoreCase);

    public RelationMatcher(IEnumerable<KnownRelation> relations)
    {
        foreach (var relation in relations)
        {
            Add(_byName, relation.Name, relation);
            if (string.IsNullOrWhiteSpace(relation.RelationName)) continue;
            var parts = SplitIdentifier(relation.RelationName);
            for (var skip = 0; skip < parts.Count; skip++)
                Add(_byKey, string.Join('.', parts.Skip(skip)), relation);
        }
    }

    public KnownRelation? Match(string? catalog, string? schema, string table)
    {
        var parts = new[] { catalog, schema, table }.Where(p => !string.IsNullOrEmpty(p));
        return _byKey.TryGetValue(string.Join('.', parts), out var hit) && !ReferenceEquals(hit, Ambiguous) ? hit : null;
    }

    public KnownRelation? ByName(string name) =>
        _byName.TryGetValue(name, out var hit) && !ReferenceEquals(hit, Ambiguous) ? hit : null;

    private static void Add(Dictionary<string, KnownRelation> map, string key, KnownRelation relation)
    {
        if (map.TryGetValue(key, out var existing) && existing.UniqueId != relation.UniqueId) map[key] = Ambiguous;
        else map[key] = relation;
    }

    internal static List<string> SplitIdentifier(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"')
            {
                if (quoted && i + 1 < text.Length && text[i + 1] == '"') { current.Append('"'); i++; }
                else quoted = !quoted;
            }
            else if (ch == '.' && !quoted) { parts.Add(current.ToString()); current.Clear(); }
            else if (!char.IsWhiteSpace(ch) || quoted) current.Append(ch);
        }
        parts.Add(current.ToString());
        return parts;
    }
}
