using Ngdbt.Docs.DuckDb;
using Ngdbt.Docs.Lineage;

namespace Ngdbt.Docs.Tests.Lineage;

public sealed class LineageFixture : IDisposable
{
    public DuckDbParseTreeProvider Provider { get; } = new();

    public static IReadOnlyList<KnownRelation> Relations { get; } =
    [
        new("model.demo.stg_stripe", "\"demo\".\"main\".\"stg_stripe\"", "stg_stripe", ["payment_id", "order_id", "amount", "status"]),
        new("model.demo.stg_netsuite", "\"demo\".\"main\".\"stg_netsuite\"", "stg_netsuite", ["entry_id", "order_id", "credit_usd", "posted_at"]),
        new("model.demo.stg_orders", "\"demo\".\"main\".\"stg_orders\"", "stg_orders", []),
        new("model.demo.int_payments", null, "int_payments", ["order_id", "amount"]),
        new("source.demo.raw.customers", "\"demo\".\"raw\".\"customers\"", "customers", ["id", "name", "email"]),
    ];

    public ColumnLineageAnalyzer Analyzer() => new(Provider, Relations);

    public void Dispose() => Provider.Dispose();
}
