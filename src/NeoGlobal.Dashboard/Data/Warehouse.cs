using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace NeoGlobal.Dashboard.Data;

/// <summary>
/// Read-only access to the warehouse file through an in-memory mirror. Per file version (mtime + size) the file is
/// ATTACHed READ_ONLY, fct_reconciliation and rpt_erp_adjustments are copied into an in-memory DuckDB, and the file is
/// DETACHed again — so the dashboard never holds a lock that would stop <c>ngdbt run</c> rebuilding the warehouse.
/// DECIMAL(19,4) is a 128-bit type in DuckDB; when every amount fits, the mirror stores money as DECIMAL(18,4)
/// (64-bit, same scale, same exact values), which makes filters and sorts on amounts several times faster.
/// Rows are stored in recon_id order, so rowid is a cheap unique tie-breaker equal to recon_id order.
/// Each request gets its own connection (<see cref="DuckDBConnection.Duplicate"/> of the mirror's root).
/// </summary>
internal sealed partial class Warehouse : IDisposable
{
    public const string FactTable = "fct_reconciliation";
    public const string AdjustmentsTable = "rpt_erp_adjustments";
    private static readonly string[] MoneyColumns = ["billing_amount", "ledger_amount", "variance", "leakage_amount"];

    private readonly string _path;
    private readonly string _schema;
    private readonly string _marts;
    private readonly Lock _gate = new();
    private DuckDBConnection? _root;
    private string _rootVersion = "";
    private DateTime _rootMadeUtc;

    public Warehouse(DashboardOptions options)
    {
        _path = Path.GetFullPath(options.WarehousePath);
        if (!File.Exists(_path)) throw new FileNotFoundException($"warehouse not found: {_path}", _path);
        _schema = Quote(options.Schema);
        _marts = Quote(options.MartsSchema);
        MartsSchema = options.MartsSchema;
    }

    /// <summary>The mirrored fact table (constant name; the configured schema only matters when copying).</summary>
    public string Fact => "main." + FactTable;

    public string Adjustments => "main." + AdjustmentsTable;

    public bool HasAdjustments { get; private set; }

    /// <summary>True when fct_reconciliation has <c>overstatement_amount</c> (the model's own ledger overstatement).</summary>
    public bool HasOverstatement { get; private set; }

    /// <summary>True when the warehouse holds exactly one <c>chart_of_accounts</c> (the seed): account names come from it.</summary>
    public bool HasAccounts { get; private set; }

    public const string Accounts = "main.chart_of_accounts";

    public string MartsSchema { get; }

    public string FilePath => _path;

    /// <summary>Changes whenever the warehouse file is rewritten; caches key on it.</summary>
    public string Version
    {
        get
        {
            var info = new FileInfo(_path);
            return $"{info.LastWriteTimeUtc.Ticks}:{info.Length}";
        }
    }

    /// <summary>
    /// Non-null while the dashboard serves an older mirror because the current file cannot be read (a running build
    /// holds its lock, or it is half copied): when that mirror was made and why the file could not be read.
    /// </summary>
    public Staleness? Stale { get; private set; }

    /// <summary>The warehouse version whose data is being served (the file's version, or an older one while stale).</summary>
    public string ServedVersion
    {
        get
        {
            Refresh();
            lock (_gate) return _rootVersion;
        }
    }

    /// <summary>The version of the data served now, without re-reading the file; null before the first mirror.</summary>
    public string? LoadedVersion
    {
        get
        {
            lock (_gate) return _root is null ? null : _rootVersion;
        }
    }

    public DuckDBConnection Open()
    {
        lock (_gate)
        {
            RefreshLocked();
            var connection = _root!.Duplicate();
            connection.Open();
            return connection;
        }
    }

    private void Refresh()
    {
        lock (_gate) RefreshLocked();
    }

    /// <summary>
    /// Re-mirrors when the file changed. When it cannot be read, the last good mirror keeps being served, marked
    /// stale; with no earlier mirror the request fails with <see cref="WarehouseUnavailableException"/> (HTTP 503).
    /// </summary>
    private void RefreshLocked()
    {
        var version = Version;
        if (_root is not null && _rootVersion == version) return;
        try
        {
            var fresh = Mirror();
            _root?.Dispose();
            _root = fresh;
            _rootVersion = version;
            _rootMadeUtc = DateTime.UtcNow;
            Stale = null;
        }
        catch (Exception e) when (e is DuckDBException or IOException)
        {
            var reason = Unreadable(e);
            if (_root is null) throw new WarehouseUnavailableException($"the warehouse cannot be read ({reason}) and no earlier data was loaded; retry shortly", e);
            Stale = new Staleness(_rootMadeUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), reason);
        }
    }

    private static string Unreadable(Exception e) =>
        e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase)
            ? "a build is writing it"
            : "it is not a readable warehouse right now: " + FirstLine(e.Message);

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length > 160 ? line[..157] + "..." : line;
    }

    private DuckDBConnection Mirror()
    {
        var root = new DuckDBConnection("DataSource=:memory:");
        root.Open();
        try
        {
            Exec(root, $"ATTACH '{_path.Replace("'", "''", StringComparison.Ordinal)}' AS wh (READ_ONLY)");
            var source = $"wh.{_schema}.{FactTable}";
            var fits = Convert.ToBoolean(Scalar(root, $"SELECT coalesce(max(greatest({string.Join(", ", MoneyColumns.Select(c => $"abs({c})"))})) < 100000000000000, true) FROM {source}"), CultureInfo.InvariantCulture);
            var replace = fits ? $" REPLACE ({string.Join(", ", MoneyColumns.Select(c => $"CAST({c} AS DECIMAL(18,4)) AS {c}"))})" : "";
            Exec(root, $"CREATE TABLE {Fact} AS SELECT *{replace} FROM {source} ORDER BY recon_id");
            HasOverstatement = Convert.ToInt64(Scalar(root, $"SELECT count(*) FROM duckdb_columns() WHERE database_name = 'memory' AND table_name = '{FactTable}' AND column_name = 'overstatement_amount'"), CultureInfo.InvariantCulture) > 0;
            HasAdjustments = Convert.ToInt64(Scalar(root, $"SELECT count(*) FROM duckdb_tables() WHERE database_name = 'wh' AND schema_name = '{MartsSchema}' AND table_name = '{AdjustmentsTable}'"), CultureInfo.InvariantCulture) > 0;
            if (HasAdjustments) Exec(root, $"CREATE TABLE {Adjustments} AS SELECT * FROM wh.{_marts}.{AdjustmentsTable}");
            var accountSchemas = new List<string>();
            using (var find = root.CreateCommand())
            {
                find.CommandText = "SELECT schema_name FROM duckdb_tables() WHERE database_name = 'wh' AND table_name = 'chart_of_accounts'";
                using var r = find.ExecuteReader();
                while (r.Read()) accountSchemas.Add(r.GetString(0));
            }

            HasAccounts = accountSchemas.Count == 1;
            if (HasAccounts)
                Exec(root, $"CREATE TABLE {Accounts} AS SELECT CAST(account_number AS BIGINT) AS account_number, CAST(account_name AS VARCHAR) AS account_name FROM wh.\"{accountSchemas[0].Replace("\"", "\"\"", StringComparison.Ordinal)}\".chart_of_accounts");
            Exec(root, "DETACH wh");
            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    private static void Exec(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _root?.Dispose();
            _root = null;
        }
    }

    internal static string Quote(string identifier) =>
        IdentifierPattern().IsMatch(identifier)
            ? $"\"{identifier}\""
            : throw new ArgumentException($"invalid schema name '{identifier}' (letters, digits and _ only)", nameof(identifier));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>The dashboard serves an older mirror: made at <paramref name="AsOfUtc"/>; <paramref name="Reason"/> says why.</summary>
public sealed record Staleness(string AsOfUtc, string Reason);

/// <summary>The warehouse cannot be read and nothing was mirrored before: the API answers 503 with this message.</summary>
public sealed class WarehouseUnavailableException(string message, Exception inner) : Exception(message, inner);
