namespace NeoGlobal.DataGen.Tests;

public sealed class GroundTruthTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    // ERP rows matched to a Stripe row through the (normalized) id; missing_id rows have no id to match.
    private const string Ledger = """
        CREATE TEMP TABLE ledger AS
        SELECT s.id, s.amount, coalesce(sum(n.credit_usd), 0) AS ledger_amount, count(n.internal_id) AS erp_rows
        FROM stripe s LEFT JOIN netsuite n ON norm_id(n.external_id) = lower(s.id)
        GROUP BY s.id, s.amount
        """;

    [Fact]
    public void CountsPerAnomalyAreFloorOfRateTimesRows()
    {
        var rates = data.Options.Rates!;
        var expected = new Dictionary<string, long>
        {
            ["missing_in_erp"] = (long)decimal.Floor(rates.MissingInErp * GeneratedDataFixture.Rows),
            ["amount_mismatch"] = (long)decimal.Floor(rates.AmountMismatch * GeneratedDataFixture.Rows),
            ["timing_drift"] = (long)decimal.Floor(rates.TimingDrift * GeneratedDataFixture.Rows),
            ["metadata_mismatch"] = (long)decimal.Floor(rates.MetadataMismatch * GeneratedDataFixture.Rows),
            ["duplicate_in_erp"] = (long)decimal.Floor(rates.DuplicateInErp * GeneratedDataFixture.Rows),
            ["orphan_in_erp"] = (long)decimal.Floor(rates.OrphanInErp * GeneratedDataFixture.Rows),
            ["split_posting"] = 0, ["consolidated_posting"] = 0, ["refund"] = 0, ["refund_missing_in_erp"] = 0,
            ["fee_netting"] = 0, ["fx_difference"] = 0, ["rounding_difference"] = 0,
        };
        Assert.Equal(expected, data.Report.AnomalyCounts);

        using var c = data.Open();
        var fromCsv = Db.Rows(c, "SELECT anomaly_type, count(*) FROM truth GROUP BY 1")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Where(kv => kv.Value > 0).ToDictionary(), fromCsv);
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) - count(DISTINCT (record_id, side)) FROM truth"));

        // Sub-types: every fifth metadata mismatch per variant, a third of mismatches are one-cent rounding.
        var details = Db.Rows(c, "SELECT anomaly_type || ':' || detail, count(*) FROM truth WHERE anomaly_type IN ('metadata_mismatch', 'amount_mismatch') GROUP BY 1")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var v in new[] { "id_case", "id_whitespace", "id_prefix", "wrong_customer", "missing_id" })
        {
            Assert.Equal(expected["metadata_mismatch"] / 5, details["metadata_mismatch:" + v]);
        }

        Assert.Equal((expected["amount_mismatch"] + 2) / 3, details["amount_mismatch:rounding"]);
        Assert.Equal((expected["amount_mismatch"] + 2) / 3, Db.Scalar<long>(c,
            "SELECT count(*) FROM truth WHERE anomaly_type = 'amount_mismatch' AND abs(expected_delta) = 0.01"));
    }

    [Fact]
    public void BillingSideDeltasEqualTheRawDataDifferences()
    {
        using var c = data.Open();
        Db.Exec(c, Ledger);
        // Every billing-side ground-truth row except missing_id: expected_delta = stripe - sum(ledger).
        var wrong = Db.Rows(c, """
            SELECT t.record_id, t.anomaly_type, t.expected_delta, l.amount - l.ledger_amount
            FROM truth t JOIN ledger l ON l.id = t.record_id
            WHERE t.side = 'billing' AND t.detail <> 'missing_id' AND t.expected_delta <> l.amount - l.ledger_amount
            """);
        Assert.Empty(wrong);
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM truth t LEFT JOIN stripe s ON s.id = t.record_id WHERE t.side = 'billing' AND s.id IS NULL"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE anomaly_type = 'amount_mismatch' AND expected_delta = 0"));

        // Rows absent from the ground truth are clean: one ERP row, exact id, same amount/customer/ref, same day within 6h.
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM stripe s
            LEFT JOIN netsuite n ON n.external_id = s.id
            WHERE s.id NOT IN (SELECT record_id FROM truth WHERE side = 'billing')
              AND (n.internal_id IS NULL OR n.credit_usd <> s.amount OR n.customer_id <> s.customer_id
                   OR n.external_ref_id <> s.metadata_external_id OR n.memo <> 'Stripe: ' || s.id
                   OR n.tran_date < s.created OR n.tran_date > s.created + INTERVAL 6 HOUR
                   OR CAST(n.tran_date AS DATE) <> CAST(s.created AS DATE))
            """));
        Assert.Equal(0L, Db.Scalar<long>(c,
            "SELECT count(*) FROM ledger WHERE erp_rows <> 1 AND id NOT IN (SELECT record_id FROM truth WHERE anomaly_type IN ('missing_in_erp', 'duplicate_in_erp') OR detail = 'missing_id')"));
    }

    [Fact]
    public void ErpSideDeltasAreMinusTheOrphanAmountAndMatchNoStripeId()
    {
        using var c = data.Open();
        Assert.Empty(Db.Rows(c, """
            SELECT t.record_id FROM truth t LEFT JOIN netsuite n ON CAST(n.internal_id AS VARCHAR) = t.record_id
            WHERE t.side = 'erp' AND (n.internal_id IS NULL OR t.expected_delta <> -n.credit_usd
               OR t.detail <> 'external_id=' || n.external_id OR t.anomaly_type <> 'orphan_in_erp'
               OR norm_id(n.external_id) IN (SELECT lower(id) FROM stripe))
            """));
        Assert.Equal(GeneratedDataFixture.Rows / 1000, Db.Scalar<long>(c, "SELECT count(*) FROM truth WHERE side = 'erp'"));
    }

    [Fact]
    public void DuplicatesPointAtTheExtraInternalId()
    {
        using var c = data.Open();
        Assert.Equal(0L, Db.Scalar<long>(c, """
            SELECT count(*) FROM truth t
            LEFT JOIN netsuite n ON 'extra_internal_id=' || n.internal_id = t.detail AND n.external_id = t.record_id
            WHERE t.anomaly_type = 'duplicate_in_erp' AND n.internal_id IS NULL
            """));
    }

    [Fact]
    public void LeakageEqualsMissingAmountsPlusAbsoluteMismatchDeltasFromRawData()
    {
        using var c = data.Open();
        Db.Exec(c, Ledger);
        var fromData = Db.Scalar<decimal>(c, """
            SELECT sum(CASE WHEN l.erp_rows = 0 THEN l.amount ELSE abs(l.amount - l.ledger_amount) END)
            FROM ledger l JOIN truth t ON t.record_id = l.id
            WHERE t.anomaly_type IN ('missing_in_erp', 'amount_mismatch')
            """);
        Assert.Equal(fromData, data.Report.ExpectedTotalLeakage);
        Assert.True(data.Report.ExpectedTotalLeakage > 0m);
        var summary = File.ReadAllText(Path.Combine(data.Root, "ground_truth", "summary.json"));
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        Assert.Equal(data.Report.ExpectedTotalLeakage, json.RootElement.GetProperty("expected_total_leakage").GetDecimal());
        Assert.Equal(data.Report.StripeRows, json.RootElement.GetProperty("rows").GetProperty("stripe").GetInt64());
        Assert.Equal(data.Report.NetsuiteRows, Db.Scalar<long>(c, "SELECT count(*) FROM netsuite"));
        Assert.Equal(data.Report.StripeRows, Db.Scalar<long>(c, "SELECT count(*) FROM stripe"));
    }
}
