using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ngdbt.Diagnostics;

namespace Ngdbt.Parse;

/// <summary>
/// <see cref="SchemaDocument"/> to JSON and back, exactly: YAML's plain values keep their .NET types (a decimal stays a
/// decimal with its scale, never a double or a long), dictionaries keep their key order, and a source position inside the
/// document's own file is written as [line, column]. Any value of another type fails the write (the file is then not
/// stored) instead of coming back as something else.
/// </summary>
internal static class SchemaCacheJson
{
    /// <summary>The file being written or read on this thread (positions in it are stored without the path).</summary>
    [ThreadStatic]
    private static string? _file;

    /// <summary>The document as JSON (in segments: a schema file of megabytes is no chain of large arrays), or null when
    /// it holds a value the format does not keep exactly.</summary>
    internal static Artifacts.SegmentedBuffer? TrySerialize(SchemaDocument document, string file)
    {
        _file = file;
        try
        {
            return Artifacts.SegmentedBuffer.Serialize(document, SchemaCacheJsonContext.Default.SchemaDocument);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        finally
        {
            _file = null;
        }
    }

    public static SchemaDocument Deserialize(ReadOnlySpan<byte> json, string file)
    {
        _file = file;
        try
        {
            return JsonSerializer.Deserialize(json, SchemaCacheJsonContext.Default.SchemaDocument) ?? throw new JsonException("null document");
        }
        finally
        {
            _file = null;
        }
    }

    internal sealed class SpanConverter : JsonConverter<SourceSpan>
    {
        public override SourceSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Next(ref reader, JsonTokenType.StartArray);
            reader.Read();
            var file = _file ?? throw new JsonException("no file");
            if (reader.TokenType == JsonTokenType.String)
            {
                file = reader.GetString()!;
                reader.Read();
            }

            var line = reader.GetInt32();
            reader.Read();
            var column = reader.GetInt32();
            reader.Read();
            return reader.TokenType == JsonTokenType.EndArray ? new SourceSpan(file, line, column) : throw new JsonException("span");
        }

        public override void Write(Utf8JsonWriter writer, SourceSpan value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            if (value.File != _file)
            {
                writer.WriteStringValue(value.File ?? throw new NotSupportedException("a position without a file"));
            }

            writer.WriteNumberValue(value.Line);
            writer.WriteNumberValue(value.Column);
            writer.WriteEndArray();
        }

        private static void Next(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (reader.TokenType != type)
            {
                throw new JsonException($"expected {type}");
            }
        }
    }

    /// <summary>A plain value: null, string, bool, long, decimal, a list or a mapping of plain values.</summary>
    internal sealed class PlainValueConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => WriteValue(writer, value);
    }

    internal sealed class PlainMapConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
    {
        public override IReadOnlyDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadMap(ref reader);

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options) => WriteValue(writer, value);
    }

    internal static object? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                // A decimal is always written with a '.' or an exponent; a long never is. (Boxed apart: a conditional
                // of the two would widen the long to a decimal.)
                if (text.AsSpan().IndexOfAny(".eE") >= 0)
                {
                    return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                }

                return long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(ReadValue(ref reader));
                }

                return list;
            case JsonTokenType.StartObject:
                return ReadMap(ref reader);
            default:
                throw new JsonException($"unexpected {reader.TokenType}");
        }
    }

    private static Dictionary<string, object?> ReadMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a mapping");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            map.Add(key, ReadValue(ref reader));
        }

        return map;
    }

    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case decimal d:
                var text = d.ToString(CultureInfo.InvariantCulture);
                writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) ? text : text + "e0", skipInputValidation: true);
                break;
            case List<object?> list when list.GetType() == typeof(List<object?>):
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case Dictionary<string, object?> map when map.GetType() == typeof(Dictionary<string, object?>) && (ReferenceEquals(map.Comparer, StringComparer.Ordinal) || ReferenceEquals(map.Comparer, EqualityComparer<string>.Default)):
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"a value of type {value.GetType()} is not stored");
        }
    }
}

[JsonSourceGenerationOptions(Converters = [typeof(SchemaCacheJson.SpanConverter), typeof(SchemaCacheJson.PlainValueConverter), typeof(SchemaCacheJson.PlainMapConverter)])]
[JsonSerializable(typeof(SchemaDocument))]
internal sealed partial class SchemaCacheJsonContext : JsonSerializerContext;
