using Ngdbt.Docs.Lineage;
using Xunit;

namespace Ngdbt.Docs.Tests.Lineage;

/// <summary>"Value comes from" (<see cref="LineageResult.For"/>) is kept apart from "filtered/joined by"
/// (<see cref="LineageResult.FilteredBy"/>): WHERE, JOIN ON/USING, HAVING, QUALIFY, here and in the CTEs and subqueries read.</summary>
public sealed class FilterLineageTests(LineageFixture fixture) : IClassFixture<LineageFixture>
{
    private static ColumnOrigin Stripe(string c) => new("model.demo.stg_stripe", c);
    private static ColumnOrigin Netsuite(string c) => new("model.demo.stg_netsuite", c);

    private LineageResult Run(string sql) => fixture.Analyzer().Analyze(sql);

    [Fact]
    public void Join_keys_and_filters_are_not_where_the_value_comes_from()
    {
        var result = Run("""
            with paid as (select order_id, amount from "demo"."main"."stg_stripe" where status = 'paid')
            select p.order_id, p.amount - n.credit_usd as diff
            from paid p join main.stg_netsuite n on p.order_id = n.order_id
            where n.posted_at is not null
            qualify row_number() over (partition by p.order_id order by n.posted_at) = 1
            """);
        Assert.Equal([Stripe("amount"), Netsuite("credit_usd")], result.For("diff"));
        // The CTE's WHERE first, then the join keys, then this query's WHERE (QUALIFY adds nothing new).
        Assert.Equal([Stripe("status"), Stripe("order_id"), Netsuite("order_id"), Netsuite("posted_at")], result.FilteredBy("diff"));
        Assert.Equal([Stripe("order_id")], result.For("order_id"));
        Assert.Equal(result.FilteredBy("diff"), result.FilteredBy("order_id")); // the same rows for every column
    }

    [Fact]
    public void Using_columns_having_and_in_subqueries_filter_rows()
    {
        var result = Run("""
            select s.status, sum(s.amount) as total
            from demo.main.stg_stripe s join demo.main.stg_netsuite using (order_id)
            where s.payment_id in (select entry_id from demo.main.stg_netsuite where credit_usd > 0)
            group by s.status
            having count(*) > 1
            """);
        Assert.Equal([Stripe("amount")], result.For("total"));
        // USING keys from both sides, then the IN subquery's column and the column tested against it.
        Assert.Equal([Stripe("order_id"), Netsuite("order_id"), Netsuite("entry_id"), Stripe("payment_id")], result.FilteredBy("total"));
        Assert.DoesNotContain(Stripe("amount"), result.FilteredBy("total"));
    }

    [Fact]
    public void A_plain_projection_has_no_filters_and_another_models_filters_stay_with_that_model()
    {
        var plain = Run("""select order_id, amount * 2 as doubled from "demo"."main"."stg_stripe" """);
        Assert.Equal([Stripe("amount")], plain.For("doubled"));
        Assert.Empty(plain.FilteredBy("doubled"));
        // Set operations merge per position: each branch's WHERE filters the combined rows.
        var union = Run("""
            select order_id from demo.main.stg_stripe where status = 'paid'
            union all
            select order_id from demo.main.stg_netsuite where posted_at is not null
            """);
        Assert.Equal([Stripe("order_id"), Netsuite("order_id")], union.For("order_id"));
        Assert.Equal([Stripe("status"), Netsuite("posted_at")], union.FilteredBy("order_id"));
    }
}
