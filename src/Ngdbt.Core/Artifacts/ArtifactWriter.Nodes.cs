using System.Globalization;
using System.Text.Json;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    private static void WriteNode(Utf8JsonWriter w, Node node, CompiledNode? compiled, Func<Node, string> relationName, string database)
    {
        w.WriteStartObject(node.UniqueId);
        w.WriteString("unique_id", node.UniqueId);
        w.WriteString("resource_type", TypeName(node.ResourceType));
        w.WriteString("name", node.Name);
        w.WriteString("package_name", node.PackageName);
        w.WriteString("path", node.PathInResourceDir);
        w.WriteString("original_file_path", node.FilePath);
        w.WriteString("database", database);
        w.WriteString("schema", node.Schema);
        w.WriteString("alias", node.Identifier);
        w.WriteString("identifier", node.Identifier);
        if (node.SourceName is not null)
        {
            w.WriteString("source_name", node.SourceName);
        }

        if (node.IsRelation)
        {
            w.WriteString("relation_name", relationName(node));
        }

        w.WriteString("description", node.Description);
        w.WriteString("raw_code", node.RawCode);
        w.WriteString("language", "sql");
        if (compiled is not null)
        {
            w.WriteString("compiled_code", compiled.Sql);
        }

        WriteStrings(w, "fqn", node.Fqn);
        WriteStrings(w, "tags", node.Tags);
        w.WritePropertyName("config");
        WriteValue(w, ConfigValues(node));
        w.WritePropertyName("meta");
        WriteValue(w, MetaValues(node));
        w.WriteStartObject("columns");
        foreach (var c in node.Columns)
        {
            w.WriteStartObject(c.Name);
            w.WriteString("name", c.Name);
            w.WriteString("description", c.Description ?? string.Empty);
            if (c.DataType is not null)
            {
                w.WriteString("data_type", c.DataType);
            }
            else
            {
                w.WriteNull("data_type");
            }

            w.WritePropertyName("meta");
            WriteValue(w, c.Meta);
            WriteStrings(w, "tags", []);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("depends_on");
        WriteStrings(w, "nodes", node.DependsOn);
        WriteStrings(w, "macros", node.DependsOnMacros);
        w.WriteEndObject();
        w.WriteStartArray("refs");
        foreach (var r in node.Template?.Refs ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sources");
        foreach (var s in node.Template?.Sources ?? [])
        {
            w.WriteStartArray();
            w.WriteStringValue(s.SourceName);
            w.WriteStringValue(s.TableName);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        if (node.Test is { } test)
        {
            w.WriteStartObject("test_metadata");
            w.WriteString("name", test.TestName);
            w.WritePropertyName("kwargs");
            var kwargs = new Dictionary<string, object?>(test.Args, StringComparer.Ordinal);
            if (test.ColumnName is not null)
            {
                kwargs["column_name"] = test.ColumnName;
            }

            WriteValue(w, kwargs);
            w.WriteEndObject();
            w.WriteString("attached_node", test.AttachedNode);
            w.WriteString("column_name", test.ColumnName);
        }

        w.WriteEndObject();
    }

    /// <summary>The node's `config` object exactly as manifest.json writes it.</summary>
    public static string ConfigJson(Node node) => ToJson(ConfigValues(node));

    /// <summary>The node's `meta` object exactly as manifest.json writes it.</summary>
    public static string MetaJson(Node node) => ToJson(MetaValues(node));

    private static Dictionary<string, object?> ConfigValues(Node node) =>
        node.Config.Values.Where(kv => kv.Key != "column_types" || node.ResourceType == ResourceType.Seed).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static object MetaValues(Node node) => node.Config.Values.GetValueOrDefault("meta") ?? new Dictionary<string, object?>();

    private static string ToJson(object value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            WriteValue(w, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case decimal d:
                w.WriteNumberValue(d);
                break;
            case IReadOnlyDictionary<string, object?> dict:
                w.WriteStartObject();
                foreach (var (k, v) in dict)
                {
                    w.WritePropertyName(k);
                    WriteValue(w, v);
                }

                w.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary><paramref name="which"/> and <paramref name="cliArgs"/> (the verb and its parsed arguments) are what
    /// `ngdbt retry` re-runs; dbt records `args.which` likewise.</summary>
    public static string WriteRunResults(string targetDir, string project, RunResult run, IReadOnlyList<string> args, string? version = null, string adapterType = "duckdb", string? which = null, IReadOnlyList<string>? cliArgs = null)
    {
        Directory.CreateDirectory(targetDir);
        var path = Path.Combine(targetDir, "run_results.json");
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        WriteMetadata(w, "https://schemas.getdbt.com/dbt/run-results/v6.json", project, adapterType, version);
        w.WriteStartArray("results");
        foreach (var r in run.Results)
        {
            w.WriteStartObject();
            w.WriteString("unique_id", r.Node.UniqueId);
            w.WriteString("status", r.Status.ToString().ToLowerInvariant());
            w.WriteNumber("execution_time", Math.Round((decimal)r.ExecutionTime.TotalMilliseconds / 1000m, 4));
            w.WriteString("thread_id", "Thread-1");
            w.WriteString("message", r.Message);
            if (r.Failures is { } f)
            {
                w.WriteNumber("failures", f);
            }
            else
            {
                w.WriteNull("failures");
            }

            w.WriteStartObject("adapter_response");
            if (r.RowsAffected is { } rows)
            {
                w.WriteString("_message", r.Message);
                w.WriteNumber("rows_affected", rows);
            }

            w.WriteEndObject();
            w.WriteStartArray("timing");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("elapsed_time", Math.Round((decimal)run.Elapsed.TotalMilliseconds / 1000m, 4));
        w.WriteStartObject("args");
        WriteStrings(w, "invocation", args);
        if (which is not null)
        {
            w.WriteString("which", which);
        }

        if (cliArgs is not null)
        {
            WriteStrings(w, "ngdbt_args", cliArgs);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        return path;
    }
}
