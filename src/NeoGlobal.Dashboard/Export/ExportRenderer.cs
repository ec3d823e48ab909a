using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using NeoGlobal.Dashboard.Api;
using NeoGlobal.Dashboard.Data;
using NeoGlobal.Dashboard.Web;

namespace NeoGlobal.Dashboard;

/// <summary>Server-side HTML for the exported report; every value passes through <see cref="E"/>.</summary>
internal sealed class ExportRenderer(Summary summary, RowsPage top, string warehousePath)
{
    private readonly StringBuilder _html = new();

    public string Render()
    {
        var c = summary.Cards;
        _html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NeoGlobal leakage report</title><style>")
            .Append(StaticAssets.ReadText("app.css")).Append("</style></head><body class=\"export\"><header><h1>NeoGlobal — Revenue leakage</h1>")
            .Append("<p class=\"muted\">").Append(E($"Warehouse {Path.GetFileName(warehousePath)}, figures computed {summary.ComputedAtUtc}")).Append("</p></header>")
            .Append("<section class=\"cards\">");
        Card("Total Leakage ($)", Money.Display(c.TotalLeakage), "missing in NetSuite + amount differences", c.TotalLeakage);
        Card("Missing in NetSuite", Money.Display(c.MissingInErpTotal), $"{c.MissingInErpCount:N0} records");
        Card("Amount differences", Money.Display(c.AmountMismatchTotal), $"{c.AmountMismatchCount:N0} records");
        Card("NetSuite above Stripe", Money.Display(c.ErpOverstatementTotal), $"{c.ErpOverstatementCount:N0} records (posted twice, no Stripe record, refund never credited)", c.ErpOverstatementTotal);
        Card("Posted late", c.TimingDriftCount.ToString("N0", CultureInfo.InvariantCulture), $"{c.CutoffRiskCount:N0} in a later period");
        Card("Details differ", c.MetadataMismatchCount.ToString("N0", CultureInfo.InvariantCulture), "records");
        Card("Match rate", c.MatchRatePercent + "%", $"{c.MatchedRecords:N0} / {c.BillingRecords:N0} Stripe records");
        _html.Append("</section><p class=\"definition\">").Append(E(summary.Definition)).Append("</p>");
        Bars("Leakage by month", summary.ByMonth.Select(b => (b.Key[..7], b.Leakage, Money.Display(b.Leakage))).ToList());
        // In dollars, perfect matches left out (192,000 perfect matches would dwarf every break if bars were counts).
        Bars("Leakage by type ($)", summary.ByAnomalyType.Where(b => b.AnomalyType != "perfect_match")
            .OrderByDescending(b => Units(b.Leakage))
            .Select(b => (PlainLanguage.ClassLabel(b.AnomalyType), b.Leakage, $"{Money.Display(b.Leakage)} · {b.Records:N0} records")).ToList());
        Table();
        _html.Append("</body></html>");
        return _html.ToString();
    }

    /// <param name="exact">the exact decimal string behind a money card, kept as data-value for tools and tests</param>
    private void Card(string title, string value, string sub, string? exact = null) =>
        _html.Append("<div class=\"card\"").Append(exact is null ? "" : " data-value=\"" + E(exact) + "\"").Append("><div class=\"card-title\">").Append(E(title)).Append("</div><div class=\"card-value\">")
            .Append(E(value)).Append("</div><div class=\"card-sub\">").Append(E(sub)).Append("</div></div>");

    private void Bars(string title, List<(string Label, string Value, string Text)> bars)
    {
        var max = bars.Select(b => Units(b.Value)).DefaultIfEmpty(BigInteger.Zero).Max();
        const int rowHeight = 18, labelWidth = 150, barWidth = 520;
        _html.Append("<section class=\"chart\"><h2>").Append(E(title)).Append("</h2>")
            .Append(CultureInfo.InvariantCulture, $"<svg width=\"{labelWidth + barWidth + 200}\" height=\"{bars.Count * rowHeight + 4}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var width = max.IsZero ? 0 : (int)(BigInteger.Abs(Units(value)) * barWidth / BigInteger.Abs(max));
            var y = i * rowHeight;
            _html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"12\">{E(label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{rowHeight - 5}\" fill=\"#c2410c\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 13}\" font-size=\"12\">{E(text)}</text>");
        }
        _html.Append("</svg></section>");
    }

    private void Table()
    {
        _html.Append("<section><h2>").Append(E($"Top {top.Rows.Count} of {top.Total:N0} unreconciled transactions (by leakage)")).Append("</h2><table class=\"grid\"><thead><tr>");
        foreach (var h in new[] { "Record", "Date", "Customer", "Class", "Status", "Stripe", "NetSuite", "Difference", "Leakage", "Proposed action" })
            _html.Append("<th>").Append(E(h)).Append("</th>");
        _html.Append("</tr></thead><tbody>");
        foreach (var r in top.Rows)
        {
            _html.Append("<tr>");
            foreach (var cell in new[] { r.ReconId, r.TransactionDate ?? "—", r.CustomerName ?? "—" })
                _html.Append("<td>").Append(E(cell)).Append("</td>");
            _html.Append("<td title=\"").Append(E(r.AnomalyType)).Append("\">").Append(E(PlainLanguage.ClassLabel(r.AnomalyType))).Append("</td>")
                .Append("<td>").Append(E(PlainLanguage.StatusLabel(r.Status))).Append("</td>");
            foreach (var money in new[] { r.BillingAmount, r.LedgerAmount, r.Variance, r.LeakageAmount })
                _html.Append("<td class=\"num\">").Append(E(money is null ? "—" : Money.Display(money))).Append("</td>");
            _html.Append("<td>").Append(E(r.ProposedAction)).Append("</td></tr>");
        }
        _html.Append("</tbody></table></section>");
    }

    private static BigInteger Units(string exact) => BigInteger.Parse(exact.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
