namespace NeoGlobal.DataGen.Tests;

public sealed class SchemaTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    [Fact]
    public void StripeParquetHasContractColumnsAndTypes()
    {
        using var c = Db.OpenViews(data.Root);
        var path = Path.Combine(data.Charges, "*", "*.parquet");
        var cols = Db.Rows(c, $"DESCRIBE SELECT * FROM read_parquet('{path}', hive_partitioning = false)")
            .Select(r => $"{r[0]} {r[1]}").ToArray();
        Assert.Equal(
        [
            "id VARCHAR", "object VARCHAR", "customer_id VARCHAR", "customer_email VARCHAR", "customer_name VARCHAR",
            "plan_id VARCHAR", "product_line VARCHAR", "amount DECIMAL(19,4)", "currency VARCHAR", "created TIMESTAMP",
            "status VARCHAR", "metadata_external_id VARCHAR", "description VARCHAR", "fee DECIMAL(19,4)", "presentment_currency VARCHAR", "presentment_amount DECIMAL(19,4)", "exchange_rate DECIMAL(19,6)", "source_id VARCHAR",
        ], cols);
    }

    [Fact]
    public void NetsuiteParquetHasContractColumnsAndTypes()
    {
        using var c = Db.OpenViews(data.Root);
        var path = Path.Combine(data.Transactions, "*", "*.parquet");
        var cols = Db.Rows(c, $"DESCRIBE SELECT * FROM read_parquet('{path}', hive_partitioning = false)")
            .Select(r => $"{r[0]} {r[1]}").ToArray();
        Assert.Equal(
        [
            "internal_id BIGINT", "external_id VARCHAR", "external_ref_id VARCHAR", "tran_type VARCHAR", "tran_date TIMESTAMP",
            "posting_period VARCHAR", "account_number INTEGER", "customer_id VARCHAR", "credit_usd DECIMAL(19,4)", "memo VARCHAR",
            "currency VARCHAR", "exchange_rate DECIMAL(19,6)", "foreign_amount DECIMAL(19,4)",
        ], cols);
    }

    [Fact]
    public void HivePartitionFoldersMatchTheMonthOfTheirRows()
    {
        var months = Enumerable.Range(0, 12).Select(m => $"month=2025-{m + 1:D2}").ToArray();
        var stripeDirs = Directory.GetDirectories(data.Charges).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(months, stripeDirs);
        Assert.All(months, m => Assert.True(Directory.Exists(Path.Combine(data.Transactions, m)), m));

        using var c = data.Open();
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM stripe WHERE strftime(created, '%Y-%m') <> month"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM netsuite WHERE strftime(tran_date, '%Y-%m') <> month"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM netsuite WHERE posting_period <> strftime(tran_date, '%b %Y')"));
    }

    [Fact]
    public void ValuesFollowTheContractDomains()
    {
        using var c = data.Open();
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe WHERE NOT (
                regexp_full_match(id, '(ch|in)_[0-9A-Za-z]{24}')
                AND object = CASE WHEN id LIKE 'ch\_%' ESCAPE '\' THEN 'charge' ELSE 'invoice' END
                AND regexp_full_match(customer_id, 'cus_[0-9A-Za-z]{14}')
                AND customer_email LIKE '%@%.%' AND length(customer_name) > 0
                AND product_line IN ('subscription', 'usage', 'services')
                AND amount > 0 AND amount = round(amount, 2)
                AND currency = 'usd' AND status = 'succeeded'
                AND regexp_full_match(metadata_external_id, 'SO-[0-9]{7,}')
                AND length(description) > 0)
            """));
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM netsuite WHERE NOT (
                tran_type IN ('CustPymt', 'CustInvc') AND account_number IN (4000, 4100, 4200) AND credit_usd > 0)
            """));
        // Revenue account follows the Stripe product line; tran_type follows the object.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe s JOIN netsuite n ON n.external_id = s.id
            WHERE n.account_number <> CASE s.product_line WHEN 'subscription' THEN 4000 WHEN 'usage' THEN 4100 ELSE 4200 END
               OR n.tran_type <> CASE s.object WHEN 'charge' THEN 'CustPymt' ELSE 'CustInvc' END
            """));
        var charges = Db.Scalar<double>(c, "SELECT avg(CASE WHEN object = 'charge' THEN 1 ELSE 0 END) FROM stripe");
        Assert.InRange(charges, 0.66, 0.74);
        var lines = Db.Scalar<long>(c, "SELECT count(DISTINCT product_line) FROM stripe");
        Assert.Equal(3L, lines);
    }
}
