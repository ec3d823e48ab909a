using DuckDB.NET.Data;
using Ngdbt.Adapters;
using Ngdbt.Load;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>The embedded DuckDB adapter: the only code that references DuckDB.NET.</summary>
public sealed class DuckDbAdapter : IDatabaseAdapter
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly DuckDBConnection? _keepAlive;
    private readonly bool _readOnly;
    private readonly bool _inMemory;

    public DuckDbAdapter(TargetConfig target, bool readOnly = false)
    {
        _readOnly = readOnly;
        var path = target.Path;
        if (path != ":memory:")
        {
            RefuseNonDatabaseFile(path);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AdapterSqlException($"cannot create the folder of the database file '{path}': {e.Message}", null, e);
            }
        }

        // ':memory:' databases are per-connection in DuckDB: every further connection duplicates the first one, so all
        // of this adapter's workers share its database and nothing is written to disk (a ':memory:name' data source
        // would be taken for a file name).
        _inMemory = path == ":memory:";
        _connectionString = $"DataSource={path}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : string.Empty);
        _settings = target.Settings;

        // Holding one connection open keeps the database instance (and an in-memory database) alive across workers.
        _keepAlive = Open();
    }

    public string Type => "duckdb";

    public ISqlDialect Dialect { get; } = new DuckDbDialect();

    public AdapterCapabilities Capabilities => DuckDbAdapterFactory.DuckDbCapabilities;

    public IAdapterConnection Connect() => new DuckDbConnection(Open(), (DuckDbDialect)Dialect);

    private DuckDBConnection Open()
    {
        var connection = _inMemory && _keepAlive is not null ? _keepAlive.Duplicate() : new DuckDBConnection(_connectionString);
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                connection.Open();
            }

            // Nothing may download at run time: a setting or function that needs an extension not built in is an error.
            foreach (var off in new[] { "autoinstall_known_extensions", "autoload_known_extensions" })
            {
                using var guard = connection.CreateCommand();
                guard.CommandText = $"SET {off} = false";
                guard.ExecuteNonQuery();
            }

            foreach (var (key, value) in MemoryDefaults.Where(d => !_settings.ContainsKey(d.Key)).Concat(_settings))
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"SET {Dialect.Quote(key)} = {Dialect.Literal(value)}";
                cmd.ExecuteNonQuery();
            }
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new AdapterSqlException(DuckDbErrors.Clean(e.Message), null, e);
        }

        return connection;
    }

    public bool IsReadOnly => _readOnly;

    /// <summary>
    /// DuckDB settings ngdbt sets unless the profile's `settings:` does: hand memory a finished statement freed back to
    /// the operating system sooner. This DuckDB build allocates with glibc's malloc, which keeps freed memory for reuse;
    /// DuckDB trims it after a task that peaked above `allocator_flush_threshold` (its default 128 MiB) or a bulk free
    /// above `allocator_bulk_deallocation_flush_threshold` (512 MiB). Under a 1 GB memory_limit a build of big joins one
    /// after another then held up to twice the limit. Measured on NeoGlobal at 15M rows a side (1 GB memory_limit): peak
    /// RSS 2.19 GB with DuckDB's defaults, 1.80 GB with these (one hand-timed build each), 349 s and 344 s.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> MemoryDefaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["allocator_flush_threshold"] = "32MiB",
        ["allocator_bulk_deallocation_flush_threshold"] = "64MiB",
    };

    /// <summary>A profile `path` naming an existing file that is not a DuckDB database (a CSV, say) is refused before
    /// DuckDB would report a cryptic error or overwrite nothing useful.</summary>
    private static void RefuseNonDatabaseFile(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[12];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(header) == header.Length && header[8..12].SequenceEqual("DUCK"u8))
            {
                return;
            }
        }

        throw new AdapterSqlException($"'{path}' is not a DuckDB database file; point the profile's `path` at a .duckdb file");
    }

    public void Dispose() => _keepAlive?.Dispose();
}
