using Ngdbt.Adapters;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>BatchCheck against a dialect without a hash function: batches there is an error naming the adapter, never
/// a build in one statement instead (the compiler asks the same dialect).</summary>
public sealed class BatchCheckTests
{
    [Fact]
    public void Batches_on_an_adapter_whose_dialect_cannot_bucket_a_key_is_an_error_naming_it()
    {
        var input = Model("events", new() { ["materialized"] = "table", ["batch_key"] = "k" });
        var batched = Model("joined", new() { ["materialized"] = "table", ["batches"] = 4L }) with { DependsOn = [input.UniqueId] };
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal) { [input.UniqueId] = input, [batched.UniqueId] = batched };

        var error = Assert.Single(BatchCheck.Check(nodes, batched, "fakedb", new NoHashDialect()));
        Assert.Equal("model 'joined': building in batches is not supported on fakedb (set batches to 1 for this target, e.g. with a macro dispatched by adapter)", error.Message);
        Assert.Empty(BatchCheck.Check(nodes, batched with { Config = NodeConfig.Merge([new Dictionary<string, object?> { ["materialized"] = "table", ["batches"] = 1L }]) }, "fakedb", new NoHashDialect()));
    }

    private static Node Model(string name, Dictionary<string, object?> config) => new()
    {
        UniqueId = $"model.p.{name}",
        ResourceType = ResourceType.Model,
        Name = name,
        PackageName = "p",
        FilePath = $"models/{name}.sql",
        PathInResourceDir = $"{name}.sql",
        Config = NodeConfig.Merge([config]),
        Schema = "main",
        Identifier = name,
    };

    private sealed class NoHashDialect : ISqlDialect
    {
        public bool ReadsFiles => false;

        public string Quote(string identifier) => identifier;

        public string Relation(string schema, string identifier) => schema + "." + identifier;

        public string ExternalRelation(string location, string? format, string? readOptions = null) => location;

        public string Limit(string sql, int limit) => sql;

        public string Literal(string value) => "'" + value + "'";

        public string Cast(string expression, string type) => expression;

        public string NormalizeType(string type) => type;
    }
}
