using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace NeoGlobal.Dashboard.Web;

/// <summary>The page's three files, embedded in the assembly and served from memory with a strict CSP.</summary>
internal static class StaticAssets
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new();

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string ReadText(string name) => System.Text.Encoding.UTF8.GetString(Read(name));

    public static byte[] Read(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("dashboard/" + n)
            ?? throw new InvalidOperationException($"embedded asset {n} missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext context, string name)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "text/css; charset=utf-8",
        };
        return Results.Bytes(Read(name), type);
    }
}
