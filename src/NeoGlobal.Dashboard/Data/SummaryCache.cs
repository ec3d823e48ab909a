using System.Globalization;

namespace NeoGlobal.Dashboard.Data;

/// <summary>
/// Cards and charts are aggregated once per warehouse file version (mtime + size) and then served from memory;
/// a rebuilt warehouse is picked up on the next request. One computation at a time (no stampede).
/// </summary>
internal sealed class SummaryCache(Warehouse warehouse)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Summary? _current;

    public Summary Get()
    {
        var version = warehouse.Version;
        var current = _current;
        if (current is not null && current.WarehouseVersion == version) return current;
        _gate.Wait();
        try
        {
            if (_current is not null && _current.WarehouseVersion == version) return _current;
            _current = Compute(version);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Summary Compute(string version)
    {
        using var connection = warehouse.Open();
        var sql = new SummarySql(warehouse.Fact);
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
