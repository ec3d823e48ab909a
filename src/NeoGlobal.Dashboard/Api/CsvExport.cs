using System.Text;
using Microsoft.AspNetCore.Http;
using NeoGlobal.Dashboard.Data;

namespace NeoGlobal.Dashboard.Api;

/// <summary>
/// Streams every row of the current filter as CSV (RFC 4180 quoting; text cells that a spreadsheet would treat
/// as a formula get a leading apostrophe). Rows are written as DuckDB produces them, never buffered whole.
/// </summary>
internal static class CsvExport
{
    public static async Task WriteAsync(HttpContext context, RowsQuery rows, Warehouse warehouse, RowFilter filter)
    {
        using var connection = warehouse.Open();
        using var command = rows.SelectAll(connection, filter);
        using var reader = command.ExecuteReader();
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"unreconciled-transactions.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(string.Join(',', RowsQuery.Headers));
        var line = new StringBuilder();
        while (reader.Read())
        {
            var row = RowsQuery.ReadRow(reader);
            line.Clear();
            Append(line, row.ReconId, true).Append(',');
            Append(line, row.TransactionDate, false).Append(',');
            Append(line, row.CustomerId, true).Append(',');
            Append(line, row.CustomerName, true).Append(',');
            Append(line, row.AnomalyType, true).Append(',');
            Append(line, row.Status, true).Append(',');
            Append(line, row.BillingAmount, false).Append(',');
            Append(line, row.LedgerAmount, false).Append(',');
            Append(line, row.Variance, false).Append(',');
            Append(line, row.LeakageAmount, false).Append(',');
            Append(line, row.DriftHours?.ToString(System.Globalization.CultureInfo.InvariantCulture), false).Append(',');
            Append(line, row.StripeId, true).Append(',');
            Append(line, row.NetsuiteExternalId, true).Append(',');
            Append(line, row.ProposedAction, true);
            await writer.WriteLineAsync(line, context.RequestAborted);
        }
        await writer.FlushAsync(context.RequestAborted);
    }

    internal static StringBuilder Append(StringBuilder sb, string? value, bool text)
    {
        if (value is null) return sb;
        if (text && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return sb.Append(value);
        return sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
