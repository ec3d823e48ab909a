using NeoGlobal.Dashboard.Api;
using NeoGlobal.Dashboard.Data;

namespace NeoGlobal.Dashboard;

/// <summary>
/// <c>neoglobal dashboard export</c>: one self-contained HTML file (inline CSS, inline SVG, no script, no external
/// references) with today's figures and the top unreconciled rows — safe to attach to an email.
/// </summary>
public static class DashboardExport
{
    public const int TopRows = 200;

    /// <summary>Writes the report and returns the full path written.</summary>
    public static string Export(DashboardOptions options, string outputHtmlPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var warehouse = new Warehouse(options);
        var summary = new SummaryCache(warehouse).Get();
        var top = new RowsQuery(warehouse).Page(RowFilter.Default with { PageSize = TopRows });
        var html = new ExportRenderer(summary, top, warehouse.FilePath).Render();
        var full = Path.GetFullPath(outputHtmlPath);
        if (Path.GetDirectoryName(full) is { } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(full, html);
        return full;
    }
}
