using DuckDB.NET.Data;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Loads a sample of matched pairs with DuckDB. <c>path</c> is either a folder in the generator's layout
/// (<c>raw/stripe/charges</c> and <c>raw/netsuite/transactions</c>, Parquet or CSV; pairs join on
/// <c>external_id = id</c>) or one joined Parquet/CSV file with the Stripe columns plus <c>tran_date</c>
/// (and optionally <c>credit_usd</c>). Only perfect pairs are kept: one ledger row whose credit equals the
/// billing amount; the others are counted as excluded.
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
        string Q(string p) => "'" + p.Replace("'", "''", StringComparison.Ordinal) + "'";
        if (Directory.Exists(path))
        {
            var stripe = Source(Path.Combine(path, "raw", "stripe", "charges"), "Stripe charges");
            var erp = Source(Path.Combine(path, "raw", "netsuite", "transactions"), "NetSuite transactions");
            Exec(c, $"CREATE VIEW s AS SELECT * FROM {stripe}");
            Exec(c, $"CREATE VIEW n AS SELECT * FROM {erp}");
            Require(c, "s", ["id", "object", "customer_id", "plan_id", "product_line", "amount", "created"], path);
            Require(c, "n", ["external_id", "tran_date", "credit_usd"], path);
            Exec(c, "CREATE VIEW pairs AS SELECT s.*, n.tran_date, n.credit_usd, count(*) OVER (PARTITION BY s.id) AS ledger_rows FROM s JOIN n ON n.external_id = s.id");
        }
        else if (File.Exists(path))
        {
            var reader = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "read_csv_auto" : "read_parquet";
            Exec(c, $"CREATE VIEW j AS SELECT * FROM {reader}({Q(path)})");
            Require(c, "j", Required, path);
            var credit = Columns(c, "j").Contains("credit_usd") ? "" : ", amount AS credit_usd";
            Exec(c, $"CREATE VIEW pairs AS SELECT *{credit}, 1 AS ledger_rows FROM j");
        }
        else
        {
            throw new SynthesisException($"sample not found: {path} (a folder with raw/stripe/charges and raw/netsuite/transactions, or a joined .parquet/.csv file)");
        }

        var cols = Columns(c, "pairs");
        string Opt(string col) => cols.Contains(col) ? $"CAST({col} AS VARCHAR)" : "''";
        var good = "ledger_rows = 1 AND CAST(round(CAST(credit_usd AS DECIMAL(19,4)) * 100) AS BIGINT) = CAST(round(CAST(amount AS DECIMAL(19,4)) * 100) AS BIGINT)";
        var total = Scalar(c, "SELECT count(DISTINCT id) FROM pairs");
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
