using DuckDB.NET.Data;

namespace NeoGlobal.DataGen.Tests;

/// <summary>One small generated data set (5 batches) shared by the read-only tests: today's classic anomalies, with the
/// real-world shapes off (their own data set and invariants: <see cref="ShapeTests"/>).</summary>
public sealed class GeneratedDataFixture : IDisposable
{
    public const long Rows = 20_000;
    public const int BatchSize = 4_000;
    public const int Events = 2_000;

    public GeneratedDataFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ngdg-" + Guid.NewGuid().ToString("N"));
        Options = new GeneratorOptions(Root, Rows, Seed: 7, BatchSize: BatchSize, Rates: new AnomalyRates().WithoutShapes(), Events: Events);
        Report = NeoGlobalGenerator.Run(Options);
    }

    public string Root { get; }
    public GeneratorOptions Options { get; }
    public GenerationReport Report { get; }

    public string Charges => Path.Combine(Root, "raw", "stripe", "charges");
    public string Transactions => Path.Combine(Root, "raw", "netsuite", "transactions");

    /// <summary>A DuckDB connection with views stripe, netsuite, truth (ground truth) and events.</summary>
    public DuckDBConnection Open() => Db.OpenViews(Root);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

internal static class Db
{
    public static DuckDBConnection OpenViews(string root)
    {
        var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        string P(params string[] parts) => Path.Combine([root, .. parts]).Replace("'", "''", StringComparison.Ordinal);
        Exec(c, $"CREATE VIEW stripe AS SELECT * FROM read_parquet('{P("raw", "stripe", "charges", "*", "*.parquet")}', hive_partitioning = true)");
        Exec(c, $"CREATE VIEW netsuite AS SELECT * FROM read_parquet('{P("raw", "netsuite", "transactions", "*", "*.parquet")}', hive_partitioning = true)");
        Exec(c, $"CREATE VIEW truth AS SELECT * FROM read_csv('{P("ground_truth", "anomalies.csv")}', header = true, " +
                "columns = {'record_id': 'VARCHAR', 'side': 'VARCHAR', 'anomaly_type': 'VARCHAR', 'detail': 'VARCHAR', 'expected_delta': 'DECIMAL(19,4)'})");
        // Matching by id after trimming, case folding and stripping a 'stripe:' prefix (the metadata rung).
        Exec(c, "CREATE MACRO norm_id(x) AS lower(trim(regexp_replace(x, '^\\s*stripe:\\s*', '', 'i'), ' \t'))");
        return c;
    }

    public static void Exec(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static T Scalar<T>(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var value = cmd.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
