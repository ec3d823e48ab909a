namespace NeoGlobal.DataGen.Tests;

public sealed class AnomalyShapeTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    [Fact]
    public void TimingDriftIsOver24hUpTo96hAndDetailMatchesThePeriods()
    {
        using var c = data.Open();
        var rows = Db.Rows(c, """
            SELECT t.detail, date_diff('second', s.created, n.tran_date) AS lag,
                   strftime(s.created, '%Y-%m') <> strftime(n.tran_date, '%Y-%m') AS crosses
            FROM truth t JOIN stripe s ON s.id = t.record_id JOIN netsuite n ON n.external_id = s.id
            WHERE t.anomaly_type = 'timing_drift'
            """);
        Assert.Equal(data.Report.AnomalyCounts["timing_drift"], rows.Count);
        Assert.All(rows, r =>
        {
            Assert.InRange(Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), 24 * 3600 + 1, 96 * 3600);
            Assert.Equal((bool)r[2]! ? "cutoff_risk" : "within_period", (string)r[0]!);
        });
        var cutoff = rows.Count(r => (string)r[0]! == "cutoff_risk");
        Assert.Equal((rows.Count + 2) / 3, cutoff);
    }

    [Fact]
    public void MetadataVariantsHaveTheirShape()
    {
        using var c = data.Open();
        var rows = Db.Rows(c, """
            SELECT t.detail, s.id, n.external_id, n.external_ref_id, s.metadata_external_id, s.customer_id, n.customer_id, n.memo
            FROM truth t JOIN stripe s ON s.id = t.record_id
            LEFT JOIN netsuite n ON norm_id(n.external_id) = lower(s.id)
               OR (t.detail = 'missing_id' AND n.external_id IS NULL AND n.customer_id = s.customer_id AND n.credit_usd = s.amount
                   AND n.tran_date BETWEEN s.created AND s.created + INTERVAL 6 HOUR)
            WHERE t.anomaly_type = 'metadata_mismatch'
            """);
        Assert.Equal(data.Report.AnomalyCounts["metadata_mismatch"], rows.Count);
        foreach (var r in rows)
        {
            var (detail, id, ext, extRef, so, billCus, erpCus, memo) =
                ((string)r[0]!, (string)r[1]!, (string?)r[2], (string?)r[3], (string)r[4]!, (string)r[5]!, (string?)r[6], (string?)r[7]);
            Assert.NotNull(erpCus);
            switch (detail)
            {
                case "id_case":
                    Assert.Equal(id.ToUpperInvariant(), ext);
                    Assert.NotEqual(id, ext);
                    break;
                case "id_whitespace":
                    Assert.Equal(id, ext!.Trim());
                    Assert.NotEqual(id, ext);
                    break;
                case "id_prefix":
                    Assert.StartsWith("stripe:", ext!, StringComparison.OrdinalIgnoreCase);
                    Assert.EndsWith(id, ext!, StringComparison.Ordinal);
                    break;
                case "wrong_customer":
                    Assert.Equal(id, ext);
                    Assert.NotEqual(billCus, erpCus);
                    break;
                case "missing_id":
                    Assert.Null(ext);
                    Assert.Null(extRef);
                    Assert.DoesNotContain(id, memo!, StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    Assert.Fail(detail);
                    break;
            }

            if (detail != "missing_id")
            {
                Assert.Equal(so, extRef);
            }
        }
    }

    [Fact]
    public void MissingIdRowsHaveExactlyOneFuzzyCandidateAndOrphansNone()
    {
        using var c = data.Open();
        // Billing rows no ERP row matches by (normalized) id, the pool the fuzzy rung searches.
        Db.Exec(c, """
            CREATE TEMP TABLE unmatched AS
            SELECT s.* FROM stripe s WHERE NOT EXISTS (SELECT 1 FROM netsuite n WHERE norm_id(n.external_id) = lower(s.id))
            """);
        var expectedUnmatched = data.Report.AnomalyCounts["missing_in_erp"] + data.Report.AnomalyCounts["metadata_mismatch"] / 5;
        Assert.Equal(expectedUnmatched, Db.Scalar<long>(c, "SELECT count(*) FROM unmatched"));

        var candidates = Db.Rows(c, """
            SELECT n.internal_id, n.external_id IS NULL AS no_id, count(u.id) AS candidates,
                   bool_and(u.id IN (SELECT record_id FROM truth WHERE detail = 'missing_id')) AS right_one
            FROM netsuite n
            LEFT JOIN unmatched u ON u.customer_id = n.customer_id AND u.amount = n.credit_usd
                AND n.tran_date BETWEEN u.created - INTERVAL 3 DAY AND u.created + INTERVAL 3 DAY
            WHERE n.external_id IS NULL OR CAST(n.internal_id AS VARCHAR) IN (SELECT record_id FROM truth WHERE side = 'erp')
            GROUP BY 1, 2
            """);
        var missingId = candidates.Where(r => (bool)r[1]!).ToList();
        Assert.Equal(data.Report.AnomalyCounts["metadata_mismatch"] / 5, missingId.Count);
        Assert.All(missingId, r => Assert.Equal(1L, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(missingId, r => Assert.True((bool)r[3]!));
        var orphans = candidates.Where(r => !(bool)r[1]!).ToList();
        Assert.Equal(data.Report.AnomalyCounts["orphan_in_erp"], orphans.Count);
        Assert.All(orphans, r => Assert.Equal(0L, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IdsAreUniqueEvenAfterCaseFoldingAndInternalIdsAreUnique()
    {
        using var c = data.Open();
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) - count(DISTINCT lower(id)) FROM stripe"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) - count(DISTINCT metadata_external_id) FROM stripe"));
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) - count(DISTINCT internal_id) FROM netsuite"));
        // Only duplicates repeat an external id.
        Assert.Equal(data.Report.AnomalyCounts["duplicate_in_erp"], Db.Scalar<long>(c,
            "SELECT count(*) FROM (SELECT external_id FROM netsuite WHERE external_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)"));
        Assert.Equal(0L, Db.Scalar<long>(c,
            "SELECT count(*) FROM (SELECT external_id FROM netsuite WHERE external_id IS NOT NULL GROUP BY 1 HAVING count(*) > 2)"));
    }
}
