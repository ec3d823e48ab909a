using Ngdbt.Docs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using NeoGlobal.Dashboard.Api;
using NeoGlobal.Dashboard.Data;

namespace NeoGlobal.Dashboard;

/// <summary>
/// <c>neoglobal serve</c>: the leakage dashboard on Kestrel, bound to <see cref="DashboardOptions.Host"/> (loopback by default).
/// Optionally serves a generated docs site under <c>/docs/</c> on the same port.
/// </summary>
public static class DashboardHost
{
    /// <summary>Starts serving and returns once listening. Port 0 picks a free port (see <see cref="DashboardServer.Url"/>).</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warehouse = new Warehouse(options);
        try
        {
            var (app, summary) = Build(options, warehouse);
            await app.StartAsync(ct).ConfigureAwait(false);
            // Warm the in-memory mirror and the aggregates now, so the first page view does not pay for them.
            _ = Task.Run(() =>
            {
                try { summary.Get(); }
                catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or IOException) { /* reported by the first request instead */ }
            }, CancellationToken.None);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? $"http://{options.Host}:{options.Port}";
            return new DashboardServer(app, warehouse, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            warehouse.Dispose();
            throw;
        }
    }

    /// <summary>Serves until <paramref name="ct"/> is cancelled.</summary>
    public static async Task RunAsync(DashboardOptions options, CancellationToken ct)
    {
        await using var server = await StartAsync(options, ct).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // normal shutdown
        }
    }

    private static (WebApplication, SummaryCache) Build(DashboardOptions options, Warehouse warehouse)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        GracefulShutdown.Configure(builder.Services);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestLineSize = 16 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.MaxConcurrentConnections = 256;
        });
        var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        builder.WebHost.UseUrls($"http://{host}:{options.Port}");
        var app = builder.Build();
        if (options.DocsSiteDir is { } docs) ServeDocs(app, docs);
        else ExplainMissingDocs(app);
        var summary = app.MapDashboard(warehouse);
        return (app, summary);
    }

    /// <summary>Without a generated site, <c>/docs/</c> says how to get one instead of a bare 404.</summary>
    private static void ExplainMissingDocs(WebApplication app)
    {
        const string page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Docs not generated</title></head><body>" +
            "<h1>The docs site has not been generated</h1><p>Run <code>ngdbt docs generate</code>, then restart <code>ngdbt serve</code>; " +
            "the lineage docs are then served here.</p><p><a href=\"/\">Back to the dashboard</a></p></body></html>";
        static IResult Missing() => Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        app.MapGet("/docs", Missing);
        app.MapGet("/docs/{**rest}", Missing);
    }

    private static void ServeDocs(WebApplication app, string docsDir)
    {
        var root = Path.GetFullPath(docsDir);
        if (!File.Exists(Path.Combine(root, "index.html")))
            throw new DirectoryNotFoundException($"no docs site (index.html) in {root}");
        var files = new PhysicalFileProvider(root);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Value == "/docs") context.Response.Redirect("/docs/");
            else await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/docs" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/docs" });
    }
}
