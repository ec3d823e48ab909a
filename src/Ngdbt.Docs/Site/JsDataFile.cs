using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ngdbt.Docs.Site;

/// <summary>
/// Writes <c>data/*.js</c> files as <c>prefix + JSON + suffix</c>, so the site loads its data with
/// <c>&lt;script src&gt;</c> (works from file://, where fetch() does not). The default encoder escapes
/// &lt; &gt; &amp; ' " and non-ASCII, so no data string can close a script or inject markup.
/// </summary>
internal static class JsDataFile
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    public static void Write(string path, string prefix, string suffix, Action<Utf8JsonWriter> body)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(Encoding.UTF8.GetBytes(prefix));
        using (var writer = new Utf8JsonWriter(stream, Options)) { body(writer); }
        stream.Write(Encoding.UTF8.GetBytes(suffix));
    }

    public static void StringArray(this Utf8JsonWriter w, string name, IEnumerable<string?> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v ?? "");
        w.WriteEndArray();
    }

    public static void IntArray(this Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    public static void RawJsonOrEmpty(this Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        try { w.WriteRawValue(string.IsNullOrWhiteSpace(json) ? "{}" : json, skipInputValidation: false); }
        catch (JsonException) { w.WriteStartObject(); w.WriteEndObject(); }
    }
}
