using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;

// Usage: SqlReplay <project-dir> <fresh-database-path>
// Replays, in the order ngdbt ran them (target/run_results.json), the statements a build needs: seeds loaded with
// read_csv, each model's compiled SQL as CREATE TABLE/VIEW, each test's compiled SQL counted. One connection;
// DuckDB parallelizes inside each statement. Prints the wall time in seconds.
var project = Path.GetFullPath(args[0]);
var database = args[1];
File.Delete(database);
using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "target", "manifest.json")));
using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "target", "run_results.json")));
var nodes = manifest.RootElement.GetProperty("nodes");
var statements = new List<string>();
var schemas = new HashSet<string>();
foreach (var result in results.RootElement.GetProperty("results").EnumerateArray())
{
    var id = result.GetProperty("unique_id").GetString()!;
    if (!nodes.TryGetProperty(id, out var node))
    {
        continue; // unit tests are ngdbt-only
    }

    var type = node.GetProperty("resource_type").GetString();
    var schema = node.GetProperty("schema").GetString()!;
    var relation = $"\"{schema}\".\"{node.GetProperty("alias").GetString()}\"";
    var sql = node.TryGetProperty("compiled_code", out var c) ? c.GetString() : null;
    if (type is "model" or "seed" && schemas.Add(schema))
    {
        statements.Add($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
    }

    switch (type)
    {
        case "seed":
            var types = node.GetProperty("config").TryGetProperty("column_types", out var ct)
                ? ", types = {" + string.Join(", ", ct.EnumerateObject().Select(p => $"'{p.Name}': '{p.Value.GetString()}'")) + "}"
                : string.Empty;
            statements.Add($"CREATE OR REPLACE TABLE {relation} AS SELECT * FROM read_csv('{Path.Combine(project, node.GetProperty("original_file_path").GetString()!)}', header = true{types})");
            break;
        case "model" when sql is not null:
            var kind = node.GetProperty("config").TryGetProperty("materialized", out var m) && m.GetString() == "view" ? "VIEW" : "TABLE";
            statements.Add($"CREATE OR REPLACE {kind} {relation} AS (\n{sql}\n)");
            break;
        case "test" when sql is not null:
            statements.Add($"SELECT count(*) FROM (\n{sql}\n)");
            break;
    }
}

using var connection = new DuckDBConnection($"DataSource={database}");
connection.Open();
var settings = args.Length > 2 ? args[2..] : [];
foreach (var setting in settings)
{
    using var cmd = connection.CreateCommand();
    cmd.CommandText = setting;
    cmd.ExecuteNonQuery();
}

var clock = Stopwatch.StartNew();
foreach (var statement in statements)
{
    using var cmd = connection.CreateCommand();
    cmd.CommandText = statement;
    cmd.ExecuteNonQuery();
}

Console.WriteLine($"{statements.Count} statements in {clock.Elapsed.TotalSeconds:0.000} s");
