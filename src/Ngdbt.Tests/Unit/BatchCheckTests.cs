using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>BatchCheck against a dialect without a hash function: batches there is an error naming the adapter, never
/// a build in one statement instead (the compiler asks the same dialect).</summary>
public sealed class BatchCheckTests
{
    [Fact]
    public void Batches_on_an_adapter_whose_dialect_cannot_bucket_a_key_is_an_error_naming_it()
    {
        var input = TestNodes.Model("events", new Dictionary<string, object?> { ["materialized"] = "table", ["batch_key"] = "k" });
        var batched = TestNodes.Model("joined", new Dictionary<string, object?> { ["materialized"] = "table", ["batches"] = 4L }, input.UniqueId);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal) { [input.UniqueId] = input, [batched.UniqueId] = batched };

        var error = Assert.Single(BatchCheck.Check(nodes, batched, "fakedb", new PlainDialect()));
        Assert.Equal("model 'joined': building in batches is not supported on fakedb (set batches to 1 for this target, e.g. with a macro dispatched by adapter)", error.Message);
        Assert.Empty(BatchCheck.Check(nodes, batched with { Config = NodeConfig.Merge([new Dictionary<string, object?> { ["materialized"] = "table", ["batches"] = 1L }]) }, "fakedb", new PlainDialect()));
    }
}
