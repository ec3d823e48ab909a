using Ngdbt.Docs.Lineage;
using Xunit;

namespace Ngdbt.Docs.Tests.Lineage;

public sealed class ColumnLineageTests(LineageFixture fixture) : IClassFixture<LineageFixture>
{
    private static ColumnOrigin Stripe(string c) => new("model.demo.stg_stripe", c);
    private static ColumnOrigin Netsuite(string c) => new("model.demo.stg_netsuite", c);

    private LineageResult Run(string sql, IReadOnlyList<string>? hint = null) => fixture.Analyzer().Analyze(sql, hint);

    [Fact]
    public void Variance_through_full_outer_join_points_to_both_staging_amounts()
    {
        var result = Run("""
            with billing as (select order_id, sum(amount) as billing_amount from "demo"."main"."stg_stripe" group by 1),
                 ledger as (select order_id, sum(credit_usd) as ledger_amount from "demo"."main"."stg_netsuite" group by 1)
            select coalesce(b.order_id, l.order_id) as order_id,
                   b.billing_amount, l.ledger_amount,
                   billing_amount - ledger_amount as variance
            from billing b full outer join ledger l on b.order_id = l.order_id
            """);
        Assert.Equal([Stripe("amount"), Netsuite("credit_usd")], result.For("variance"));
        Assert.Equal([Stripe("order_id"), Netsuite("order_id")], result.For("order_id"));
        Assert.Equal([Stripe("amount")], result.For("billing_amount"));
    }

    [Fact]
    public void File_based_sources_read_by_a_table_function_resolve_to_the_source_columns()
    {
        KnownRelation charges = new("source.demo.stripe.charges", "read_parquet('/w/data/raw/stripe/charges/*/*.parquet', union_by_name = true)", "charges", ["id", "amount", "created"]);
        KnownRelation events = new("source.demo.stripe.events", "read_json('/w/data/raw/it''s/*.ndjson', format = 'newline_delimited')", "events", ["payload"]);
        var analyzer = new ColumnLineageAnalyzer(fixture.Provider, [.. LineageFixture.Relations, charges, events]);
        var result = analyzer.Analyze("""
            select id as stripe_id, cast(amount as decimal(19,4)) as billing_amount, date_trunc('month', created) as billing_month
            from read_parquet('/w/data/raw/stripe/charges/*/*.parquet', union_by_name = true)
            """);
        Assert.Equal([new ColumnOrigin(charges.UniqueId, "id")], result.For("stripe_id"));
        Assert.Equal([new ColumnOrigin(charges.UniqueId, "amount")], result.For("billing_amount"));
        Assert.Equal([new ColumnOrigin(charges.UniqueId, "created")], result.For("billing_month"));

        var aliased = analyzer.Analyze("select e.payload as p from read_json('/w/data/raw/it''s/*.ndjson', format = 'newline_delimited') as e");
        Assert.Equal([new ColumnOrigin(events.UniqueId, "payload")], aliased.For("p"));

        // An unknown file is never guessed.
        Assert.Empty(analyzer.Analyze("select id from read_parquet('/elsewhere/*.parquet')").For("id"));
    }

    [Fact]
    public void Aliases_and_qualified_expression()
    {
        var result = Run("""select s.amount - n.credit_usd as diff, s.status as st from demo.main.stg_stripe as s join main.stg_netsuite n using (order_id)""");
        Assert.Equal([Stripe("amount"), Netsuite("credit_usd")], result.For("diff"));
        Assert.Equal([Stripe("status")], result.For("st"));
    }

    [Fact]
    public void Using_column_unions_both_sides()
    {
        var result = Run("select order_id from stg_stripe join stg_netsuite using (order_id)");
        Assert.Equal([Stripe("order_id"), Netsuite("order_id")], result.For("order_id"));
    }

    [Fact]
    public void Case_and_functions()
    {
        var result = Run("""
            select case when status = 'paid' then round(amount, 2) else 0 end as paid_amount,
                   upper(cast(status as varchar)) as status_upper
            from stg_stripe
            """);
        Assert.Equal([Stripe("status"), Stripe("amount")], result.For("paid_amount"));
        Assert.Equal([Stripe("status")], result.For("status_upper"));
    }

    [Fact]
    public void Select_star_expands_from_known_columns_with_exclude()
    {
        var result = Run("select * exclude (status) from stg_stripe");
        Assert.Equal(["payment_id", "order_id", "amount"], result.Columns.Select(c => c.Column));
        Assert.Equal([Stripe("amount")], result.For("amount"));
    }

    [Fact]
    public void Qualified_star_through_join()
    {
        var result = Run("select n.*, s.amount from stg_stripe s left join stg_netsuite n on s.order_id = n.order_id");
        Assert.Equal(["entry_id", "order_id", "credit_usd", "posted_at", "amount"], result.Columns.Select(c => c.Column));
        Assert.Equal([Netsuite("posted_at")], result.For("posted_at"));
    }

    [Fact]
    public void Subquery_in_from_and_scalar_subquery()
    {
        var result = Run("""
            select t.total, (select max(credit_usd) from stg_netsuite) as max_credit
            from (select order_id, sum(amount) as total from stg_stripe group by order_id) t
            """);
        Assert.Equal([Stripe("amount")], result.For("total"));
        Assert.Equal([Netsuite("credit_usd")], result.For("max_credit"));
    }

    [Fact]
    public void Ephemeral_cte_points_to_the_ephemeral_model()
    {
        var result = Run("""
            with __ngdbt__cte__int_payments as (select order_id, amount from stg_stripe)
            select p.amount * 2 as doubled from __ngdbt__cte__int_payments p
            """);
        Assert.Equal([new ColumnOrigin("model.demo.int_payments", "amount")], result.For("doubled"));
    }

    [Fact]
    public void Window_and_union()
    {
        var result = Run("""
            select order_id, sum(amount) over (partition by status) as running from stg_stripe
            union all
            select order_id, credit_usd from stg_netsuite
            """);
        Assert.Equal([Stripe("amount"), Stripe("status"), Netsuite("credit_usd")], result.For("running"));
    }

    [Fact]
    public void Unresolvable_gives_empty_never_a_guess()
    {
        var result = Run("select x.amount as a, y as b from stg_orders x, some_unknown_table");
        Assert.Equal([new ColumnOrigin("model.demo.stg_orders", "amount")], result.For("a"));
        Assert.Empty(result.For("b")); // two candidates with unknown columns: ambiguous
        Assert.Contains(result.Diagnostics, d => d.Contains("some_unknown_table"));
    }

    [Fact]
    public void Star_on_relation_without_columns_is_reported_not_guessed()
    {
        var result = Run("select * from stg_orders");
        Assert.Empty(result.Columns);
        Assert.Contains(result.Diagnostics, d => d.Contains("cannot expand"));
    }

    [Fact]
    public void Unnamed_expression_uses_catalog_column_name_hint()
    {
        var result = Run("select amount + 1 from stg_stripe", ["amount_plus"]);
        Assert.Equal([Stripe("amount")], result.For("amount_plus"));
    }

    [Fact]
    public void Source_relation_and_lateral_alias()
    {
        var result = Run("""select lower(email) as e, e || name as label from "demo"."raw"."customers" """);
        var customers = "source.demo.raw.customers";
        Assert.Equal([new ColumnOrigin(customers, "email"), new ColumnOrigin(customers, "name")], result.For("label"));
    }

    [Fact]
    public void Batch_with_a_broken_statement_falls_back_per_model()
    {
        var requests = new List<LineageRequest>
        {
            new("select amount from stg_stripe"), new("select from where"), new("select credit_usd from stg_netsuite;"),
        };
        var results = fixture.Analyzer().AnalyzeMany(requests);
        Assert.Equal([Stripe("amount")], results[0].For("amount"));
        Assert.Contains(results[1].Diagnostics, d => d.StartsWith("parse error"));
        Assert.Equal([Netsuite("credit_usd")], results[2].For("credit_usd"));
    }
}
