using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace NeoGlobal.Dashboard.Web;

/// <summary>
/// The words a controller reads instead of engineer codes (anomaly classes and statuses), from the one embedded
/// <c>classes.json</c>: the page gets it as <c>/classes.js</c>, the exported report reads it here. Codes stay in
/// tooltips and the CSV.
/// </summary>
internal static class PlainLanguage
{
    private static readonly Lazy<Vocabulary> Words = new(() =>
        JsonSerializer.Deserialize<Vocabulary>(StaticAssets.Read("classes.json"), Options)
        ?? throw new InvalidOperationException("classes.json is empty"));

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static string ClassLabel(string? code) => Lookup(Words.Value.Classes, code).Label;

    public static string ClassExplanation(string? code) => Lookup(Words.Value.Classes, code).Explain;

    public static string StatusLabel(string? code) => Lookup(Words.Value.Statuses, code).Label;

    /// <summary><c>window.NG_WORDS = {...};</c> — re-serialised, so the script carries only escaped JSON.</summary>
    public static IResult ServeScript(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = StaticAssets.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text("window.NG_WORDS = " + JsonSerializer.Serialize(Words.Value, Options) + ";\n", "text/javascript; charset=utf-8");
    }

    private static Word Lookup(IReadOnlyDictionary<string, Word> words, string? code) =>
        string.IsNullOrEmpty(code) ? new Word("—", "")
        : words.TryGetValue(code, out var word) ? word
        : new Word(code.Replace('_', ' '), "");

    internal sealed record Word([property: JsonPropertyName("label")] string Label, [property: JsonPropertyName("explain")] string Explain);

    internal sealed record Vocabulary(
        [property: JsonPropertyName("classes")] IReadOnlyDictionary<string, Word> Classes,
        [property: JsonPropertyName("statuses")] IReadOnlyDictionary<string, Word> Statuses);
}
