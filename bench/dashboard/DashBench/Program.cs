using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Playwright;
using NeoGlobal.Dashboard;

// Dashboard bench: builds an N-row warehouse from the test fixture SQL, serves it, times every API call the page
// makes (sequential, loopback) and the page's time to first render in headless Chromium.
// usage: DashBench <warehouse.sql> <work-dir> [rows=1500000] [requests=50] [renders=5]
var sqlPath = args[0];
var dir = Directory.CreateDirectory(args[1]).FullName;
var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_500_000;
var requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var renders = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;
var db = Path.Combine(dir, $"warehouse-{rows}.duckdb");

if (!File.Exists(db))
{
    var build = Stopwatch.StartNew();
    using var connection = new DuckDBConnection($"DataSource={db}");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SET VARIABLE n = {rows};\n" + File.ReadAllText(sqlPath);
    command.ExecuteNonQuery();
    Console.WriteLine($"built {rows:N0}-row warehouse in {build.Elapsed.TotalSeconds:F1} s: {db} ({new FileInfo(db).Length / 1048576} MB)");
}
else Console.WriteLine($"reusing {db}");

await using var server = await DashboardHost.StartAsync(new DashboardOptions(db, Port: 0));
using var http = new HttpClient { BaseAddress = server.Url };
var cold = Stopwatch.StartNew();
(await http.GetAsync("api/summary")).EnsureSuccessStatusCode();
Console.WriteLine($"first summary call (in-memory mirror + aggregates, once per warehouse version, warmed at start): {cold.Elapsed.TotalMilliseconds:F0} ms");
var someId = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("api/rows?anomaly=amount_mismatch&size=1"))
    .RootElement.GetProperty("rows")[0].GetProperty("reconId").GetString();

(string Name, string Path)[] endpoints =
[
    ("page /", ""),
    ("app.js", "app.js"),
    ("summary (cached)", "api/summary"),
    ("rows default (leakage desc)", "api/rows"),
    ("rows anomaly+date sort", "api/rows?anomaly=missing_in_erp&sort=transaction_date&dir=asc"),
    ("rows page 200", "api/rows?page=200"),
    ("rows sort customer p50", "api/rows?sort=customer_name&dir=asc&page=50"),
    ("rows all, sort billing", "api/rows?anomaly=all&sort=billing_amount&dir=asc"),
    ("rows month+leaking", "api/rows?from=2025-03-01&to=2025-03-31&leaking=1"),
    ("rows customer+amount", "api/rows?anomaly=all&customer=Customer%20421&min=100&max=5000"),
    ("rows id search", "api/rows?q=ch_ab12"),
    ("item detail", "api/items/" + someId),
    ("400 bad sort", "api/rows?sort=x;drop"),
    ("csv amount_mismatch (full)", "api/rows.csv?anomaly=amount_mismatch"),
];
Console.WriteLine($"\n{"endpoint",-30} {"median ms",10} {"p95 ms",8} {"max ms",8}  (n={requests}, sequential)");
foreach (var (name, path) in endpoints)
{
    for (var i = 0; i < 3; i++) await (await http.GetAsync(path)).Content.ReadAsByteArrayAsync();
    var times = new List<double>();
    for (var i = 0; i < requests; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name,-30} {times[times.Count / 2],10:F1} {times[(int)Math.Ceiling(times.Count * 0.95) - 1],8:F1} {times[^1],8:F1}");
}

if (!File.Exists("/usr/bin/chromium")) { Console.WriteLine("no /usr/bin/chromium: skipping time to first render"); return; }
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium", Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
var ttfr = new List<double>();
for (var i = 0; i < renders; i++)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync(server.Url.AbsoluteUri);
    await page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
    ttfr.Add(await page.EvaluateAsync<double>("() => performance.now()"));
    if (i == 0) await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "dashboard-1.5M.png"), FullPage = false });
}
ttfr.Sort();
Console.WriteLine($"\ntime to first render (navigation start → cards, charts and first table page drawn; fresh context each, n={renders}): " +
    $"median {ttfr[ttfr.Count / 2]:F0} ms, max {ttfr[^1]:F0} ms  (screenshot {Path.Combine(dir, "dashboard-1.5M.png")})");
