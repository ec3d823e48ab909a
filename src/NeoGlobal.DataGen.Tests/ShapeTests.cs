namespace NeoGlobal.DataGen.Tests;

/// <summary>A data set with the real-world shapes at their default rates (5 batches).</summary>
public sealed class ShapeDataFixture : IDisposable
{
    public const long Rows = 20_000;

    public ShapeDataFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ngdg-shapes-" + Guid.NewGuid().ToString("N"));
        Report = NeoGlobalGenerator.Run(new GeneratorOptions(Root, Rows, Seed: 11, BatchSize: 4_000, Events: 500));
    }

    public string Root { get; }
    public GenerationReport Report { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>The shapes of real billing and ERP data: each one as NetSuite and Stripe write it, with its ground truth.</summary>
public sealed class ShapeTests(ShapeDataFixture data) : IClassFixture<ShapeDataFixture>
{
    [Fact]
    public void CountsFollowTheRatesAndInternalIdsStayDenseAndUnique()
    {
        using var c = Db.OpenViews(data.Root);
        var r = new AnomalyRates();
        long Floor(decimal rate) => (long)decimal.Floor(rate * ShapeDataFixture.Rows);
        Assert.Equal(Floor(r.SplitPosting), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'split_posting' AND side = 'billing'"));
        Assert.Equal(Floor(r.ConsolidatedPosting), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'consolidated_posting' AND side = 'erp'"));
        Assert.Equal(Floor(r.Refund), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'refund'"));
        Assert.Equal(Floor(r.RefundNotInErp), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'refund_missing_in_erp'"));
        Assert.Equal(Floor(r.FeeNetting), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'fee_netting'"));
        Assert.Equal(Floor(r.FxDifference), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'fx_difference'"));
        Assert.Equal(Floor(r.SubCentRounding), Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'rounding_difference'"));
        Assert.Equal(ShapeDataFixture.Rows + Floor(r.Refund) + Floor(r.RefundNotInErp), data.Report.StripeRows);
        Assert.Equal(data.Report.NetsuiteRows, Db.Scalar<long>(c, "SELECT count(DISTINCT internal_id) FROM netsuite"));
        Assert.Equal(1_000_001L, Db.Scalar<long>(c, "SELECT min(internal_id) FROM netsuite"));
        Assert.Equal(1_000_000L + data.Report.NetsuiteRows, Db.Scalar<long>(c, "SELECT max(internal_id) FROM netsuite"));
        Assert.Equal(data.Report.StripeRows, Db.Scalar<long>(c, "SELECT count(DISTINCT lower(id)) FROM stripe"));
    }

    [Fact]
    public void SplitLinesShareTheIdAndAddUpToTheCharge()
    {
        using var c = Db.OpenViews(data.Root);
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t JOIN stripe s ON s.id = t.record_id
            WHERE t.anomaly_type = 'split_posting' AND t.side = 'billing'
              AND ((SELECT sum(credit_usd) FROM netsuite n WHERE n.external_id = s.id) <> s.amount
                   OR (SELECT count(*) FROM netsuite n WHERE n.external_id = s.id) NOT IN (2, 3))
            """));
        // Each further line is in the truth, under its own internal id.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t WHERE t.anomaly_type = 'split_posting' AND t.side = 'erp'
              AND NOT EXISTS (SELECT 1 FROM netsuite n WHERE CAST(n.internal_id AS VARCHAR) = t.record_id AND n.external_id IS NOT NULL)
            """));
    }

    [Fact]
    public void AConsolidatedLineNamesItsChargesAndCarriesTheirExactSum()
    {
        using var c = Db.OpenViews(data.Root);
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM (
            WITH lines AS (
                SELECT n.internal_id, n.customer_id, n.credit_usd, n.tran_date, unnest(string_split(replace(n.memo, 'Stripe consolidated: ', ''), ', ')) AS charge_id
                FROM truth t JOIN netsuite n ON CAST(n.internal_id AS VARCHAR) = t.record_id
                WHERE t.anomaly_type = 'consolidated_posting' AND t.side = 'erp' AND n.external_id IS NULL
            )
            SELECT l.internal_id FROM lines l JOIN stripe s ON s.id = l.charge_id
            GROUP BY l.internal_id, l.credit_usd, l.tran_date
            HAVING sum(s.amount) <> l.credit_usd OR count(*) NOT IN (2, 3) OR count(DISTINCT s.customer_id) <> 1
                OR min(s.customer_id) <> min(l.customer_id) OR max(s.created) > l.tran_date OR min(s.created) < l.tran_date - INTERVAL 3 DAY
            ) AS bad
            """));
        Assert.True(Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'consolidated_posting' AND side = 'erp'") > 0);
    }

    [Fact]
    public void RefundsAreNegativeWithTheirCreditMemoUnlessMissing()
    {
        using var c = Db.OpenViews(data.Root);
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe r JOIN stripe ch ON ch.id = r.source_id
            WHERE r.object IN ('refund', 'dispute') AND (r.amount >= 0 OR -r.amount > ch.amount OR r.created < ch.created
                  OR (r.object = 'dispute') <> (r.id LIKE 'dp\_%' ESCAPE '\'))
            """));
        Assert.Equal(Db.Scalar<long>(c, "SELECT count(*) FROM stripe WHERE object IN ('refund', 'dispute')"),
            Db.Scalar<long>(c, "SELECT count(*) FROM stripe r JOIN stripe ch ON ch.id = r.source_id WHERE r.object IN ('refund', 'dispute')"));
        // With memo: one CustCred for the same (negative) amount; without: none, and the truth's delta is the refund.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t JOIN stripe r ON r.id = t.record_id
            WHERE t.anomaly_type IN ('refund', 'refund_missing_in_erp')
              AND ((SELECT count(*) FROM netsuite n WHERE n.external_id = r.id AND n.tran_type = 'CustCred' AND n.credit_usd = r.amount)
                      <> CASE t.anomaly_type WHEN 'refund' THEN 1 ELSE 0 END
                   OR t.expected_delta <> CASE t.anomaly_type WHEN 'refund' THEN 0 ELSE r.amount END)
            """));
        var details = Db.Scalar<long>(c, "SELECT count(DISTINCT detail) FROM truth WHERE anomaly_type = 'refund'");
        Assert.Equal(4L, details);
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t JOIN stripe r ON r.id = t.record_id JOIN stripe ch ON ch.id = r.source_id
            WHERE (t.detail = 'later_period_refund') <> (date_trunc('month', r.created) > date_trunc('month', ch.created) AND r.object = 'refund')
            """));
    }

    [Fact]
    public void FeesFxAndSubCentAmountsAreWhatTheTruthSays()
    {
        using var c = Db.OpenViews(data.Root);
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t JOIN stripe s ON s.id = t.record_id JOIN netsuite n ON n.external_id = s.id
            WHERE t.anomaly_type IN ('fee_netting', 'fx_difference', 'rounding_difference')
              AND (t.expected_delta <> s.amount - n.credit_usd
                   OR (t.anomaly_type = 'fee_netting' AND n.credit_usd <> s.amount - s.fee)
                   OR (t.anomaly_type = 'rounding_difference' AND (abs(t.expected_delta) >= 0.01 OR t.expected_delta = 0 OR n.credit_usd <> round(s.amount, 2)))
                   OR (t.anomaly_type = 'fx_difference' AND (s.presentment_currency = 'usd' OR n.currency = 'USD' OR t.expected_delta = 0
                        OR abs(t.expected_delta) > s.amount * 0.005
                        OR s.amount <> round(s.presentment_amount * s.exchange_rate, 2)
                        OR n.credit_usd <> round(n.foreign_amount * n.exchange_rate, 2))))
            """));
        // Every other row is in USD at rate 1.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe s WHERE s.id NOT IN (SELECT record_id FROM truth WHERE anomaly_type = 'fx_difference')
              AND (s.presentment_currency <> 'usd' OR s.exchange_rate <> 1 OR s.presentment_amount <> s.amount)
            """));
    }

    [Fact]
    public void TheSameSeedGivesTheSameShapes()
    {
        var again = Path.Combine(Path.GetTempPath(), "ngdg-shapes-" + Guid.NewGuid().ToString("N"));
        try
        {
            NeoGlobalGenerator.Run(new GeneratorOptions(again, ShapeDataFixture.Rows, Seed: 11, BatchSize: 4_000, Events: 500));
            Assert.Equal(File.ReadAllText(Path.Combine(data.Root, "ground_truth", "anomalies.csv")), File.ReadAllText(Path.Combine(again, "ground_truth", "anomalies.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(data.Root, "ground_truth", "summary.json")), File.ReadAllText(Path.Combine(again, "ground_truth", "summary.json")));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }
}
