using System.Globalization;

namespace NeoGlobal.Dashboard.Data;

/// <summary>
/// Cards and charts are aggregated once per served warehouse version (mtime + size) and then served from memory;
/// a rebuilt warehouse is picked up on the next request. One computation at a time (no stampede). While the file
/// cannot be read (a build holds it) the last good figures are served with <see cref="Summary.Stale"/> set.
/// </summary>
internal sealed class SummaryCache(Warehouse warehouse)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Summary? _current;

    public Summary Get()
    {
        var version = warehouse.ServedVersion;
        var current = _current;
        if (current is null || current.WarehouseVersion != version)
        {
            _gate.Wait();
            try
            {
                if (_current is null || _current.WarehouseVersion != version) _current = Compute(version);
                current = _current;
            }
            finally
            {
                _gate.Release();
            }
        }

        return current with { Stale = warehouse.Stale };
    }

    private Summary Compute(string version)
    {
        using var connection = warehouse.Open();
        var sql = new SummarySql(warehouse.Fact, warehouse.HasOverstatement);
        var cards = sql.ReadCards(connection);
        return new Summary(
            Summary.LeakageDefinition,
            version,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            cards,
            sql.ReadSeries(connection, "date_trunc('month', transaction_date)::DATE"),
            sql.ReadSeries(connection, "transaction_date"),
            sql.ReadAnomalies(connection),
            sql.ReadStatuses(connection));
    }
}
