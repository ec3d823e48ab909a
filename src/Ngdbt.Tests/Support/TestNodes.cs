using Ngdbt.Manifest;

namespace Ngdbt.Tests.Support;

/// <summary>Manifest nodes for unit tests that need no project: a model `model.p.&lt;name&gt;` in schema main.</summary>
internal static class TestNodes
{
    public static Node Model(string name, IReadOnlyDictionary<string, object?> config, params string[] dependsOn) => new()
    {
        UniqueId = $"model.p.{name}",
        ResourceType = ResourceType.Model,
        Name = name,
        PackageName = "p",
        FilePath = $"models/{name}.sql",
        PathInResourceDir = $"{name}.sql",
        Config = NodeConfig.Merge([config]),
        DependsOn = dependsOn,
        Schema = "main",
        Identifier = name,
    };
}
