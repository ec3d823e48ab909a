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
                await next(context);
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
        app.MapGet("/healthz", () => Results.Text("ok"));

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
