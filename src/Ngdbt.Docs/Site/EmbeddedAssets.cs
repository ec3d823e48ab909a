namespace Ngdbt.Docs.Site;

/// <summary>The bundled front-end (docs-site/dist, embedded at build time) copied into the output folder.</summary>
internal static class EmbeddedAssets
{
    private const string Prefix = "docs-site/";

    public static IReadOnlyList<string> Names { get; } = typeof(EmbeddedAssets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).ToList();

    public static List<string> CopyTo(string outputDir)
    {
        var written = new List<string>();
        foreach (var name in Names)
        {
            using var resource = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(Prefix + name)!;
            var path = Path.Combine(outputDir, name);
            using var file = File.Create(path);
            resource.CopyTo(file);
            written.Add(path);
        }
        return written;
    }
}
