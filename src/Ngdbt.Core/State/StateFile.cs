using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ngdbt.State;

/// <summary>target/state.json: ngdbt's own artifact beside the dbt-shaped manifest.json (whose schema it leaves alone),
/// holding what `--state` compares and what `--defer` resolves to.</summary>
public static class StateFile
{
    public const string FileName = "state.json";

    public static string Write(string targetDir, ProjectState state) => Write(targetDir, Serialize(state));

    /// <summary>The file's bytes (in segments: see <see cref="Artifacts.SegmentedBuffer"/>), for a caller that
    /// fingerprints early and writes only once its work has succeeded.</summary>
    internal static Artifacts.SegmentedBuffer Serialize(ProjectState state) => Artifacts.SegmentedBuffer.Serialize(state, StateJsonContext.Default.ProjectState);

    internal static string Write(string targetDir, Artifacts.SegmentedBuffer serialized)
    {
        var path = Path.Combine(targetDir, FileName);
        // A twin moved into place: a `--state` reader never sees half a file, and a failed write leaves the last one.
        Artifacts.ReplacedFile.Write(path, serialized.CopyTo);
        return path;
    }

    /// <summary>The state of a previous target folder, or the reason it cannot be read.</summary>
    public static (ProjectState? State, string? Error) Read(string stateDir)
    {
        var path = Path.Combine(stateDir, FileName);
        if (!File.Exists(path))
        {
            return (null, Directory.Exists(stateDir)
                ? $"'{stateDir}' holds no {FileName}: pass the target/ folder of an earlier ngdbt compile, run or build"
                : $"state folder '{stateDir}' does not exist");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var state = JsonSerializer.Deserialize(stream, StateJsonContext.Default.ProjectState);
            return state?.Nodes is null ? (null, $"{path} is not an ngdbt state file") : (state, null);
        }
        catch (JsonException e)
        {
            return (null, $"{path} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>state.json's serializer, generated at build time: the reflection-based one built its metadata on every
/// compile (~0.1 s of a 10,000-model compile's CPU, for a file the compile writes every time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProjectState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
