namespace NeoGlobal.DataGen.Tests;

public sealed class EventsTests(GeneratedDataFixture data) : IClassFixture<GeneratedDataFixture>
{
    private string Glob => Path.Combine(data.Root, "raw", "stripe_events", "events-*.ndjson");

    [Fact]
    public void NdjsonParsesWithReadJsonAutoAndHasTheMessyShape()
    {
        using var c = data.Open();
        // Mixed key casing ("metadata"/"Metadata") defeats full struct auto-detection (DuckDB: duplicate struct
        // name), by design; stop detection at depth 2 so `data.object` stays JSON, or give the columns explicitly.
        var auto = Assert.ThrowsAny<Exception>(() => Db.Exec(c, $"CREATE TEMP TABLE bad AS SELECT * FROM read_json_auto('{Glob}')"));
        Assert.Contains("Duplicate name", auto.Message, StringComparison.OrdinalIgnoreCase);
        Db.Exec(c, $"CREATE TEMP TABLE ev AS SELECT * FROM read_json_auto('{Glob}', format = 'newline_delimited', maximum_depth = 2)");
        Assert.Equal("STRUCT(\"object\" JSON)", Db.Rows(c, "DESCRIBE ev").Single(r => (string)r[0]! == "data")[1]);
        Assert.Equal(data.Report.EventRows, Db.Scalar<long>(c, "SELECT count(*) FROM ev"));
        var distinct = Db.Scalar<long>(c, "SELECT count(DISTINCT id) FROM ev");
        Assert.Equal(GeneratedDataFixture.Events, distinct);
        // ~2% duplicate deliveries.
        Assert.InRange(data.Report.EventRows - distinct, 15, 80);
        Assert.Equal(0L, Db.Scalar<long>(c, "SELECT count(*) FROM ev WHERE type <> 'charge.succeeded' OR NOT regexp_full_match(id, 'evt_[0-9A-Za-z]{24}')"));
        Assert.Equal(data.Report.EventRows, Db.Scalar<long>(c,
            "SELECT count(*) FROM read_ndjson('" + Glob + "', columns = {id: 'VARCHAR', type: 'VARCHAR', created: 'BIGINT', data: 'JSON'}) WHERE created > 0"));
    }

    [Fact]
    public void EventsCarryTheBillingAmountInIntegerCentsAndTheSalesOrderRef()
    {
        using var c = data.Open();
        Db.Exec(c, $"CREATE TEMP TABLE ev AS SELECT json FROM read_ndjson_objects('{Glob}')");
        var rows = Db.Rows(c, """
            WITH e AS (
                SELECT json->>'$.data.object.id' AS charge_id,
                       CAST(json->>'$.data.object.amount' AS BIGINT) AS cents,
                       json_type(json, '$.data.object.amount') AS amount_type,
                       coalesce(json->'$.data.object.metadata', json->'$.data.object.Metadata') AS meta,
                       to_timestamp(CAST(json->>'$.created' AS BIGINT)) AT TIME ZONE 'UTC' AS created
                FROM ev)
            SELECT count(*) AS n,
                   count(*) FILTER (WHERE s.id IS NULL OR s.object <> 'charge') AS unknown_charge,
                   count(*) FILTER (WHERE CAST(e.cents AS DECIMAL(19,4)) <> s.amount * 100) AS wrong_amount,
                   count(*) FILTER (WHERE e.created <> s.created) AS wrong_created,
                   count(*) FILTER (WHERE coalesce(e.meta->>'$.external_id', e.meta->>'$.External_ID') <> s.metadata_external_id) AS wrong_ref,
                   count(*) FILTER (WHERE e.amount_type = 'VARCHAR') AS string_amounts,
                   count(*) FILTER (WHERE json_type(e.meta) = 'NULL' OR e.meta IS NULL) AS null_meta
            FROM e LEFT JOIN stripe s ON s.id = e.charge_id
            """);
        var r = rows.Single().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(data.Report.EventRows, r[0]);
        Assert.Equal(0L, r[1]);
        Assert.Equal(0L, r[2]);
        Assert.Equal(0L, r[3]);
        Assert.Equal(0L, r[4]);
        Assert.InRange(r[5], r[0] / 20, r[0] / 5);
        Assert.InRange(r[6], 1, r[0] / 20);
        var raw = File.ReadAllText(Directory.GetFiles(Path.GetDirectoryName(Glob)!).Order(StringComparer.Ordinal).First());
        Assert.Contains("\"Metadata\":", raw, StringComparison.Ordinal);
        Assert.Contains("\"External_ID\":", raw, StringComparison.Ordinal);
        Assert.Contains("\"metadata\":{\"external_id\":", raw, StringComparison.Ordinal);
    }
}
