using DuckDB.NET.Data;
using Ngdbt.Cli;
using Ngdbt.Cli.Output;

namespace Ngdbt.Tests.Support;

/// <summary>The database a functional test runs against: the shared suites run once per target.</summary>
public enum TestTarget
{
    DuckDb,
    Postgres,
}

/// <summary>dbt-style functional test fixture: writes a project from a dictionary of files into a temp folder,
/// runs `ngdbt` in-process against a real DuckDB file there, and queries the result.</summary>
internal sealed class TestProject : IDisposable
{
    private readonly string? _pgDatabase;

    public TestProject(IReadOnlyDictionary<string, string> files, string name = "proj", TestTarget target = TestTarget.DuckDb)
    {
        Target = target;
        Root = Path.Combine(Path.GetTempPath(), "ngdbt-tests", Guid.NewGuid().ToString("N")[..12]);
        DatabasePath = Path.Combine(Root, "warehouse", "test.duckdb");
        Directory.CreateDirectory(Root);
        if (!files.ContainsKey("project.yml") && !files.ContainsKey("dbt_project.yml"))
        {
            Write("project.yml", $"name: {name}\nprofile: test\n");
        }

        if (!files.ContainsKey("profiles.yml"))
        {
            if (target == TestTarget.Postgres)
            {
                _pgDatabase = PostgresServer.Instance.CreateDatabase();
                Write("profiles.yml", $"test:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n      port: {PostgresServer.Instance.Port}\n      user: postgres\n      dbname: {_pgDatabase}\n      schema: main\n      threads: 4\n");
            }
            else
            {
                Write("profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: 4\n");
            }
        }

        foreach (var (path, text) in files)
        {
            Write(path, text);
        }
    }

    public string Root { get; }

    /// <summary>The DuckDB file <see cref="Query"/> reads (a dbt project's own profile may put it elsewhere).</summary>
    public string DatabasePath { get; set; } = string.Empty;

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    /// <summary>Runs the CLI in-process with --project-dir set; returns the exit code and everything it printed.</summary>
    public (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = ConsoleOutput.Redirect.Value;
        ConsoleOutput.Redirect.Value = writer;
        try
        {
            string[] full = args.Contains("--project-dir") ? args : [.. args, "--project-dir", Root];
            var exit = Program.Run(Program.Parse(full), new System.CommandLine.InvocationConfiguration { Output = writer, Error = writer });
            return (exit, writer.ToString());
        }
        finally
        {
            ConsoleOutput.Redirect.Value = previous;
        }
    }

    public TestTarget Target { get; }

    public List<object?[]> Query(string sql)
    {
        if (_pgDatabase is not null)
        {
            return QueryPostgres(sql);
        }

        using var connection = new DuckDBConnection($"DataSource={DatabasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        return ReadAll(reader);
    }

    public object? Scalar(string sql) => Query(sql)[0][0];

    /// <summary>A column's type as the adapter reports it (canonical spelling on every target: DECIMAL(19,4), VARCHAR, ...).</summary>
    public string ColumnType(string schema, string table, string column)
    {
        var load = Ngdbt.Cli.Commands.CliAdapters.Engine.Load(new Ngdbt.Load.LoadOptions(Root));
        using var adapter = Ngdbt.Cli.Commands.CliAdapters.Engine.OpenAdapter(load.Project!);
        using var connection = adapter.Connect();
        var entry = connection.ReadCatalog([new Ngdbt.Adapters.RelationRef(schema, table)]).Single();
        return entry.Columns.Single(c => c.Name == column).Type;
    }

    private List<object?[]> QueryPostgres(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(PostgresServer.Instance.ConnectionString(_pgDatabase!));
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        using var reader = cmd.ExecuteReader();
        return ReadAll(reader);
    }

    private static List<object?[]> ReadAll(System.Data.Common.DbDataReader reader)
    {
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A DuckDB file still mapped by a finalizing connection; the OS temp folder is cleaned eventually.
        }
    }
}
