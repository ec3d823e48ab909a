using System.Globalization;
using DuckDB.NET.Data;

namespace NeoGlobal.DataGen;

/// <summary>
/// One in-memory DuckDB per side: a batch is appended into a staging table with the contract types,
/// then <c>COPY ... (FORMAT parquet, PARTITION_BY (month))</c> writes one file per month partition with a
/// per-batch file name (<c>part-BBBB-i.parquet</c>), and the staging table is truncated.
/// </summary>
internal abstract class DuckDbSink : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _table;
    private readonly string _directory;
    private readonly string _monthExpression;
    private readonly bool _csv;

    protected DuckDbSink(string table, string columnsDdl, string directory, string monthColumn, bool csv)
    {
        _table = table;
        _directory = directory;
        _csv = csv;
        _monthExpression = $"strftime({monthColumn}, '%Y-%m')";
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        // Two sinks run side by side on a 2-core budget: one thread each, no insertion-order buffering.
        Execute($"SET threads = {Threads}; SET preserve_insertion_order = false; SET memory_limit = '{MemoryLimit}'");
        Execute($"CREATE TABLE {table} ({columnsDdl})");
        Directory.CreateDirectory(directory);
    }

    public void Write(Batch batch, Catalog catalog)
    {
        using (var appender = _connection.CreateAppender(_table))
        {
            Append(appender, batch, catalog);
        }

        var target = _directory.Replace("'", "''", StringComparison.Ordinal);
        var pattern = "part-" + batch.Index.ToString("D4", CultureInfo.InvariantCulture) + "-{i}";
        var select = $"SELECT *, {_monthExpression} AS month FROM {_table}";
        Execute($"COPY ({select}) TO '{target}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (month), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '{pattern}')");
        if (_csv)
        {
            Execute($"COPY ({select}) TO '{target}' (FORMAT csv, HEADER, PARTITION_BY (month), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '{pattern}')");
        }

        Execute($"TRUNCATE {_table}");
    }

    /// <summary>DuckDB threads per sink (two sinks write concurrently).</summary>
    internal static int Threads { get; set; } = int.TryParse(Environment.GetEnvironmentVariable("NGDG_DUCKDB_THREADS"), out var t) ? t : 1;

    internal static string MemoryLimit { get; set; } = Environment.GetEnvironmentVariable("NGDG_DUCKDB_MEMORY") ?? "256MB";

    protected abstract void Append(DuckDBAppender appender, Batch batch, Catalog catalog);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    protected static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    internal static string ProductLineName(ProductLine line) => line switch
    {
        ProductLine.Subscription => "subscription",
        ProductLine.Usage => "usage",
        _ => "services",
    };

    internal static int RevenueAccount(ProductLine line) => line switch
    {
        ProductLine.Subscription => 4000,
        ProductLine.Usage => 4100,
        _ => 4200,
    };
}

internal sealed class StripeSink(string directory, bool csv) : DuckDbSink("stripe_batch", Columns, directory, "created", csv)
{
    public const string Columns =
        "id VARCHAR, object VARCHAR, customer_id VARCHAR, customer_email VARCHAR, customer_name VARCHAR, " +
        "plan_id VARCHAR, product_line VARCHAR, amount DECIMAL(19,4), currency VARCHAR, created TIMESTAMP, " +
        "status VARCHAR, metadata_external_id VARCHAR, description VARCHAR, fee DECIMAL(19,4), presentment_currency VARCHAR, " +
        "presentment_amount DECIMAL(19,4), exchange_rate DECIMAL(19,6), source_id VARCHAR";

    protected override void Append(DuckDBAppender appender, Batch b, Catalog catalog)
    {
        for (var j = 0; j < b.Count; j++)
        {
            var customer = catalog.Customers[b.Customer[j]];
            var plan = catalog.Plans[b.Plan[j]];
            var amount = Amounts.ToDecimal(b.AmountCents[j]) + b.SubCent[j] / 10_000m;
            var currency = b.Currency[j];
            appender.CreateRow()
                .AppendValue(b.Id[j])
                .AppendValue(b.IsInvoice[j] ? "invoice" : "charge")
                .AppendValue(customer.Id)
                .AppendValue(customer.Email)
                .AppendValue(customer.Name)
                .AppendValue(plan.Id)
                .AppendValue(ProductLineName(plan.Line))
                .AppendValue(amount)
                .AppendValue("usd")
                .AppendValue(Utc(b.CreatedTicks[j]))
                .AppendValue("succeeded")
                .AppendValue(b.SoRef[j])
                .AppendValue(plan.Description)
                .AppendValue(Amounts.ToDecimal(ShapeInjector.FeeCents(b.AmountCents[j])))
                .AppendValue(ShapeInjector.CurrencyCodes[currency].ToLowerInvariant())
                .AppendValue(currency == 0 ? amount : Amounts.ToDecimal(b.PresentmentCents[j]))
                .AppendValue(currency == 0 ? 1m : b.StripeRateMicros[j] / 1_000_000m)
                .AppendValue((string?)null)
                .EndRow();
        }

        foreach (var r in b.Refunds)
        {
            // A refund (re_) or a lost dispute (dp_): negative, in USD, pointing at its charge.
            var customer = catalog.Customers[b.Customer[r.Charge]];
            var plan = catalog.Plans[b.Plan[r.Charge]];
            var dispute = r.Variant == RefundVariant.Chargeback;
            var amount = -Amounts.ToDecimal(r.Cents);
            appender.CreateRow()
                .AppendValue(r.Id)
                .AppendValue(dispute ? "dispute" : "refund")
                .AppendValue(customer.Id)
                .AppendValue(customer.Email)
                .AppendValue(customer.Name)
                .AppendValue(plan.Id)
                .AppendValue(ProductLineName(plan.Line))
                .AppendValue(amount)
                .AppendValue("usd")
                .AppendValue(Utc(r.CreatedTicks))
                .AppendValue(dispute ? "lost" : "succeeded")
                .AppendValue((string?)null)
                .AppendValue((dispute ? "Dispute lost: " : "Refund of ") + b.Id[r.Charge])
                .AppendValue(0m)
                .AppendValue("usd")
                .AppendValue(amount)
                .AppendValue(1m)
                .AppendValue(b.Id[r.Charge])
                .EndRow();
        }
    }
}
