using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NeoGlobal.Dashboard.Data;
using NeoGlobal.Dashboard.Web;

namespace NeoGlobal.Dashboard.Api;

/// <summary>The dashboard's HTTP surface (all GET, all read-only).</summary>
internal static class Endpoints
{
    /// <summary>Query strings longer than this get a JSON 400; far longer request lines are cut off by Kestrel (414).</summary>
    public const int MaxQueryLength = 4096;

    /// <summary>Present while the answer comes from the last good mirror: when it was made (UTC, ISO 8601).</summary>
    public const string StaleAsOfHeader = "X-Data-Stale-As-Of";

    /// <summary>The version (mtime:size) of the warehouse file whose data is served; the page reloads when it changes.</summary>
    public const string VersionHeader = "X-Data-Version";

    /// <summary>Present while stale: why the current warehouse file cannot be read.</summary>
    public const string StaleReasonHeader = "X-Data-Stale-Reason";

    /// <summary>Maps every route; returns the summary cache so the host can warm it (mirror + aggregates) in the background.</summary>
    public static SummaryCache MapDashboard(this WebApplication app, Warehouse warehouse)
    {
        var summary = new SummaryCache(warehouse);
        var rows = new RowsQuery(warehouse);
        var items = new ItemQuery(warehouse);

        app.Use(async (context, next) =>
        {
            try
            {
                if (context.Request.QueryString.Value?.Length > MaxQueryLength)
                    throw new BadRequestException($"query string longer than {MaxQueryLength} characters");
                // Figures served from an older mirror say so on every API answer (the page shows them as stale).
                context.Response.OnStarting(() =>
                {
                    if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/healthz")) return Task.CompletedTask;
                    if (warehouse.LoadedVersion is { } version) context.Response.Headers[VersionHeader] = version;
                    if (warehouse.Stale is { } stale)
                    {
                        context.Response.Headers[StaleAsOfHeader] = stale.AsOfUtc;
                        context.Response.Headers[StaleReasonHeader] = stale.Reason;
                    }

                    return Task.CompletedTask;
                });
                await next(context);
            }
            catch (WarehouseUnavailableException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsJsonAsync(new ApiError(e.Message));
            }
            catch (BadRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new ApiError(e.Message));
            }
        });

        app.MapGet("/", (HttpContext c) => StaticAssets.Serve(c, "index.html"));
        app.MapGet("/app.js", (HttpContext c) => StaticAssets.Serve(c, "app.js"));
        app.MapGet("/charts.js", (HttpContext c) => StaticAssets.Serve(c, "charts.js"));
        app.MapGet("/echarts.min.js", (HttpContext c) => StaticAssets.Serve(c, "echarts.min.js"));
        app.MapGet("/app.css", (HttpContext c) => StaticAssets.Serve(c, "app.css"));
        app.MapGet("/classes.js", PlainLanguage.ServeScript);
        app.MapGet("/healthz", () =>
        {
            // The heartbeat learns of a rebuilt (or busy) warehouse from the headers; a failure here is not an outage.
            try { _ = warehouse.ServedVersion; } catch (WarehouseUnavailableException) { }
            return Results.Text("ok");
        });

        app.MapGet("/api/summary", (HttpContext c) =>
        {
            NoParameters(c);
            return Results.Ok(summary.Get());
        });
        app.MapGet("/api/rows", (HttpContext c) => Results.Ok(rows.Page(FilterParser.Parse(c.Request.Query))));
        app.MapGet("/api/rows.csv", (HttpContext c) => CsvExport.WriteAsync(c, rows, warehouse, FilterParser.Parse(c.Request.Query)));
        app.MapGet("/api/items/{reconId}", (HttpContext c, string reconId) =>
        {
            NoParameters(c);
            return items.Find(reconId) is { } item ? Results.Ok(item) : Results.NotFound(new ApiError($"no record {reconId}"));
        });
        app.MapFallback((HttpContext c) => Results.NotFound(new ApiError($"no such endpoint {FilterParser.Clip(c.Request.Path.Value ?? "")}")));
        return summary;
    }

    private static void NoParameters(HttpContext c)
    {
        if (c.Request.Query.Count > 0) throw new BadRequestException("this endpoint takes no query parameters");
    }
}

public sealed record ApiError(string Error);
