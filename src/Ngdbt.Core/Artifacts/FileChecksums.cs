using System.Text.Json;
using Ngdbt.Load;

namespace Ngdbt.Artifacts;

/// <summary>dbt's node `checksum`: {name: sha256, checksum: sha256 of the file's text}, computed once per file of
/// the project (a schema file holding many sources is hashed once). Nodes without a file of their own (generic
/// tests) get dbt's {name: none, checksum: ""}.</summary>
internal sealed class FileChecksums(LoadedProject project)
{
    private readonly Dictionary<string, ProjectFile> _files = project.Files.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The sha256 of a project file's text (UTF-8), or null when the path is not a file of the project.</summary>
    public string? Sha256(string path) => _files.TryGetValue(path, out var file)
        ? _hashes.GetOrAdd(path, _ => Manifest.TextHash.Sha256(file.Text))
        : null;

    public void Write(Utf8JsonWriter w, string? path)
    {
        var hash = path is null ? null : Sha256(path);
        w.WriteStartObject("checksum");
        w.WriteString("name", hash is null ? "none" : "sha256");
        w.WriteString("checksum", hash ?? string.Empty);
        w.WriteEndObject();
    }
}
