namespace Ngdbt.State;

/// <summary>What `state:` selection compares for one node, as target/state.json records it: checksums of the parts
/// dbt's sub-selectors name, the macros the node uses (transitively) with their checksums, and the vars and env vars
/// its template and those macros read, with their values. <see cref="RelationName"/> and <see cref="Database"/> say
/// where the node was built, which is what `--defer` reads.</summary>
public sealed record NodeState(
    string UniqueId,
    string ResourceType,
    string Name,
    string FilePath,
    string Body,
    string Configs,
    string Relation,
    string Contract,
    string Descriptions,
    bool PersistDocs,
    IReadOnlyDictionary<string, string> Macros,
    IReadOnlyDictionary<string, string> Vars,
    string? RelationName,
    string? Schema,
    string? Identifier);

/// <summary>The whole of target/state.json: the target it was written for and every node's state.</summary>
public sealed record ProjectState(
    string ProjectName,
    string AdapterType,
    string TargetName,
    string Database,
    string? DatabaseLocation,
    IReadOnlyDictionary<string, NodeState> Nodes);
