using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace NeoGlobal.Dashboard.Data;

/// <summary>
/// Read-only access to the warehouse file. Every request opens its own connection; a root connection is held open
/// per file generation (mtime + size) so DuckDB.NET keeps the database instance cached and a request's "open" is
/// cheap (no re-attach, no re-reading the catalog). When the file is rebuilt the root is replaced.
/// </summary>
internal sealed partial class Warehouse : IDisposable
{
    public const string FactTable = "fct_reconciliation";
    public const string AdjustmentsTable = "rpt_erp_adjustments";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private DuckDBConnection? _root;
    private string _rootVersion = "";

    public Warehouse(DashboardOptions options)
    {
        _path = Path.GetFullPath(options.WarehousePath);
        if (!File.Exists(_path)) throw new FileNotFoundException($"warehouse not found: {_path}", _path);
        Fact = $"{Quote(options.Schema)}.{FactTable}";
        Adjustments = $"{Quote(options.MartsSchema)}.{AdjustmentsTable}";
        MartsSchema = options.MartsSchema;
        _connectionString = $"DataSource={_path};ACCESS_MODE=READ_ONLY";
    }

    /// <summary>Qualified <c>"schema".fct_reconciliation</c> (schema validated as an identifier).</summary>
    public string Fact { get; }

    public string Adjustments { get; }

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

    public DuckDBConnection Open()
    {
        var version = Version;
        lock (_gate)
        {
            if (_root is null || _rootVersion != version)
            {
                _root?.Dispose();
                _root = new DuckDBConnection(_connectionString);
                _root.Open();
                _rootVersion = version;
            }
        }
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
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
