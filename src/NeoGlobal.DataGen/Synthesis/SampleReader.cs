using DuckDB.NET.Data;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Loads a sample of matched pairs with DuckDB. <c>path</c> is a folder in the generator's layout
/// (<c>raw/stripe/charges</c> and <c>raw/netsuite/transactions</c>, Parquet or CSV), or <c>STRIPE,NETSUITE</c>
/// (two files; pairs join on <c>external_id = id</c>), or one joined Parquet/CSV file with the Stripe columns plus
/// <c>tran_date</c> (and optionally <c>credit_usd</c>). Only perfect pairs are kept: exactly one ledger row, whose
/// credit equals the billing amount to the cent, of the same customer, posted 0-24 h after billing. Every other
/// billing row is counted as excluded (so a full generated data set can be fitted: its anomalies are left out).
/// </summary>
internal static class SampleReader
{
    private static readonly string[] Required = ["id", "object", "customer_id", "plan_id", "product_line", "amount", "created", "tran_date"];

    public static (SampleTable Table, long Excluded) Read(string path)
    {
        try
        {
            return ReadPairs(path);
        }
        catch (DuckDBException e)
        {
            throw new SynthesisException($"cannot read sample {path}: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static (SampleTable Table, long Excluded) ReadPairs(string path)
    {
        using var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        Exec(c, "SET threads = 2");
        var sides = path.Split(',', StringSplitOptions.TrimEntries);
        if (Directory.Exists(path) || (sides.Length == 2 && sides.All(File.Exists)))
        {
            var stripe = Directory.Exists(path) ? Source(Path.Combine(path, "raw", "stripe", "charges"), "Stripe charges") : Reader(sides[0]);
            var erp = Directory.Exists(path) ? Source(Path.Combine(path, "raw", "netsuite", "transactions"), "NetSuite transactions") : Reader(sides[1]);
            Exec(c, $"CREATE VIEW s AS SELECT * FROM {stripe}");
            Exec(c, $"CREATE VIEW n AS SELECT * FROM {erp}");
            Require(c, "s", ["id", "object", "customer_id", "plan_id", "product_line", "amount", "created"], path);
            Require(c, "n", ["external_id", "tran_date", "credit_usd"], path);
            var erpCustomer = Columns(c, "n").Contains("customer_id") ? "n.customer_id" : "s.customer_id";
            Exec(c, $"CREATE VIEW pairs AS SELECT s.*, n.tran_date, n.credit_usd, {erpCustomer} AS erp_customer_id, count(*) OVER (PARTITION BY s.id) AS ledger_rows FROM s JOIN n ON n.external_id = s.id");
            Exec(c, "CREATE VIEW everything AS SELECT id FROM s");
        }
        else if (File.Exists(path))
        {
            Exec(c, $"CREATE VIEW j AS SELECT * FROM {Reader(path)}");
            Require(c, "j", Required, path);
            var credit = Columns(c, "j").Contains("credit_usd") ? "" : ", amount AS credit_usd";
            Exec(c, $"CREATE VIEW pairs AS SELECT *{credit}, customer_id AS erp_customer_id, 1 AS ledger_rows FROM j");
            Exec(c, "CREATE VIEW everything AS SELECT id FROM j");
        }
        else
        {
            throw new SynthesisException($"sample not found: {path} (a folder with raw/stripe/charges and raw/netsuite/transactions, STRIPE,NETSUITE files, or one joined .parquet/.csv file)");
        }

        var cols = Columns(c, "pairs");
        string Opt(string col) => cols.Contains(col) ? $"CAST({col} AS VARCHAR)" : "''";
        // A perfect pair: one ledger line, the billing amount to the cent, the same customer, posted within a day.
        // Refunds and lost disputes (and their credit memos) are not billing pairs: left out like any other non-pair.
        var good = "coalesce(CAST(object AS VARCHAR), '') NOT IN ('refund', 'dispute') AND ledger_rows = 1 AND CAST(round(CAST(credit_usd AS DECIMAL(19,4)) * 100) AS BIGINT) = CAST(round(CAST(amount AS DECIMAL(19,4)) * 100) AS BIGINT)"
            + " AND erp_customer_id IS NOT DISTINCT FROM customer_id"
            + " AND epoch(CAST(tran_date AS TIMESTAMP)) - epoch(CAST(created AS TIMESTAMP)) BETWEEN 0 AND 86399";
        var total = Scalar(c, "SELECT count(*) FROM everything");
        var sql = $"""
            SELECT CAST(id AS VARCHAR), CAST(object AS VARCHAR), CAST(customer_id AS VARCHAR), CAST(plan_id AS VARCHAR),
                   CAST(product_line AS VARCHAR), {Opt("description")}, CAST(round(CAST(amount AS DECIMAL(19,4)) * 100) AS BIGINT),
                   CAST(epoch(CAST(created AS TIMESTAMP)) AS BIGINT),
                   CAST(epoch(CAST(tran_date AS TIMESTAMP)) AS BIGINT) - CAST(epoch(CAST(created AS TIMESTAMP)) AS BIGINT),
                   {Opt("metadata_external_id")}
            FROM pairs WHERE {good} AND id IS NOT NULL AND created IS NOT NULL AND tran_date IS NOT NULL ORDER BY created, id
            """;
        var n = (int)Scalar(c, $"SELECT count(*) FROM pairs WHERE {good} AND id IS NOT NULL AND created IS NOT NULL AND tran_date IS NOT NULL");
        if (n < 2)
        {
            throw new SynthesisException($"sample {path} has {n} perfect matched pairs; at least 2 are needed to fit");
        }

        var t = new SampleTable(n);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        for (var i = 0; r.Read(); i++)
        {
            t.Id[i] = r.GetString(0);
            t.Object[i] = r.IsDBNull(1) ? "" : r.GetString(1);
            t.CustomerId[i] = r.IsDBNull(2) ? "" : r.GetString(2);
            t.PlanId[i] = r.IsDBNull(3) ? "" : r.GetString(3);
            t.ProductLine[i] = r.IsDBNull(4) ? "" : r.GetString(4);
            t.Description[i] = r.IsDBNull(5) ? "" : r.GetString(5);
            t.AmountCents[i] = r.GetInt64(6);
            t.CreatedUnix[i] = r.GetInt64(7);
            t.LagSeconds[i] = r.GetInt64(8);
            t.Reference[i] = r.IsDBNull(9) ? "" : r.GetString(9);
        }

        return (t, total - n);
    }

    private static string Reader(string file)
    {
        var quoted = "'" + file.Replace("'", "''", StringComparison.Ordinal) + "'";
        return file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? $"read_csv_auto({quoted})" : $"read_parquet({quoted})";
    }

    private static string Source(string dir, string what)
    {
        string G(string ext) => "'" + Path.Combine(dir, "**", "*." + ext).Replace("'", "''", StringComparison.Ordinal) + "'";
        if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.parquet", SearchOption.AllDirectories).Any())
        {
            return $"read_parquet({G("parquet")}, hive_partitioning = true, union_by_name = true)";
        }

        if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.csv", SearchOption.AllDirectories).Any())
        {
            return $"read_csv_auto({G("csv")}, hive_partitioning = true, union_by_name = true)";
        }

        throw new SynthesisException($"sample has no {what}: no .parquet or .csv files under {dir}");
    }

    private static void Require(DuckDBConnection c, string view, string[] needed, string path)
    {
        var have = Columns(c, view);
        var missing = needed.Where(col => !have.Contains(col)).ToArray();
        if (missing.Length > 0)
        {
            throw new SynthesisException($"sample {path} lacks column(s) {string.Join(", ", missing)} (has: {string.Join(", ", have.Order(StringComparer.Ordinal))})");
        }
    }

    private static HashSet<string> Columns(DuckDBConnection c, string view)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT column_name FROM (DESCRIBE SELECT * FROM {view})";
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            set.Add(r.GetString(0));
        }

        return set;
    }

    private static long Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Exec(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
