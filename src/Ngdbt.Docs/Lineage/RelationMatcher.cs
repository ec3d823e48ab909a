namespace Ngdbt.Docs.Lineage;

/// <summary>Matches <c>catalog.schema.table</c> references to known relations (case-insensitive, quote-aware).</summary>
internal sealed class RelationMatcher
{
    private static readonly KnownRelation Ambiguous = new("<ambiguous>", null, "", []);
    private readonly Dictionary<string, KnownRelation> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, KnownRelation> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, KnownRelation> _byFile = new(StringComparer.Ordinal);

    public RelationMatcher(IEnumerable<KnownRelation> relations)
    {
        foreach (var relation in relations)
        {
            Add(_byName, relation.Name, relation);
            if (string.IsNullOrWhiteSpace(relation.RelationName)) continue;
            // File-based sources compile to a table function: read_parquet('<path>', …) — keyed by that path.
            // ngdbt's manifest gives a file source's relation_name as its external_location (relative to the project).
            if (FunctionPath(relation.RelationName) is { } file)
            {
                Add(_byFile, file, relation);
                continue;
            }

            if (LooksLikeFile(relation.RelationName))
            {
                Add(_byFile, relation.RelationName.Replace('\\', '/'), relation);
                continue;
            }

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

    /// <summary>The file-based source read by a table function whose first argument is <paramref name="path"/>.</summary>
    public KnownRelation? MatchFile(string path)
    {
        path = path.Replace('\\', '/');
        if (_byFile.TryGetValue(path, out var hit)) return ReferenceEquals(hit, Ambiguous) ? null : hit;
        // The compiled SQL holds the absolute path; the manifest the project-relative location.
        KnownRelation? found = null;
        foreach (var (location, relation) in _byFile)
        {
            var relative = location.StartsWith("./", StringComparison.Ordinal) ? location[2..] : location;
            if (!path.EndsWith("/" + relative, StringComparison.Ordinal)) continue;
            if (found is not null && found.UniqueId != relation.UniqueId) return null; // ambiguous: never guess
            found = ReferenceEquals(relation, Ambiguous) ? null : relation;
            if (found is null) return null;
        }

        return found;
    }

    private static bool LooksLikeFile(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ||
        System.Text.RegularExpressions.Regex.IsMatch(name, @"\.(csv|tsv|parquet|json|ndjson|jsonl)(\.gz)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    internal static string? FunctionPath(string relationName)
    {
        var m = System.Text.RegularExpressions.Regex.Match(relationName, @"^\s*[A-Za-z_][A-Za-z0-9_]*\s*\(\s*'((?:[^']|'')*)'");
        return m.Success ? m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
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
