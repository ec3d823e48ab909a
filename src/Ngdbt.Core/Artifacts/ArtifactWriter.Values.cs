using System.Globalization;
using System.Text.Json;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

public static partial class ArtifactWriter
{
    /// <summary>The node's `config` object exactly as manifest.json writes it.</summary>
    public static string ConfigJson(Node node) => ToJson(ConfigValues(node));

    /// <summary>The first <paramref name="hexDigits"/> hex digits of the SHA-256 of <see cref="ConfigJson"/>, hashed
    /// from the written bytes (state.json's `configs` checksum, for every node of every compile).</summary>
    public static string ConfigHash(Node node, int hexDigits)
    {
        var buffer = _configBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var w = _configWriter;
        if (w is null)
        {
            _configWriter = w = new Utf8JsonWriter(buffer, Options);
        }
        else
        {
            w.Reset(buffer);
        }

        WriteValue(w, ConfigValues(node));
        w.Flush();
        return Manifest.TextHash.Sha256Prefix(buffer.WrittenSpan, hexDigits);
    }

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? _configBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _configWriter;

    /// <summary>The node's `meta` object exactly as manifest.json writes it.</summary>
    public static string MetaJson(Node node) => ToJson(MetaValues(node));

    /// <summary>The merged config in dbt's spelling: `enabled`, `tags` and `meta` always present, hooks as
    /// `pre-hook`/`post-hook` lists of {sql, transaction, index}; `column_types` only on seeds.</summary>
    private static Dictionary<string, object?> ConfigValues(Node node)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["enabled"] = node.Config.Enabled,
        };
        foreach (var (key, value) in node.Config.Values)
        {
            if (key is "pre_hook" or "post_hook" || (key == "column_types" && node.ResourceType != ResourceType.Seed))
            {
                continue;
            }

            values[key] = value;
        }

        values["tags"] = node.Tags.Cast<object?>().ToList();
        values["meta"] = MetaValues(node);
        if (node.ResourceType is not ResourceType.Source and not ResourceType.UnitTest)
        {
            values["pre-hook"] = Hooks(node.Config.PreHooks);
            values["post-hook"] = Hooks(node.Config.PostHooks);
        }

        return values;
    }

    private static List<object?> Hooks(IReadOnlyList<string> sql) =>
        sql.Select((s, i) => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["sql"] = s, ["transaction"] = true, ["index"] = (long)i }).ToList();

    private static object MetaValues(Node node) => node.Config.Values.GetValueOrDefault("meta") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

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
}
