using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>Hostile query strings get a 400 with a JSON reason (or 414 from Kestrel for huge ones); the server keeps serving.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HostileInputTests(DashboardFixture fx)
{
    public static TheoryData<string> BadQueries => new()
    {
        "api/rows?anomaly=' OR 1=1 --",
        "api/rows?anomaly=missing_in_erp'); DROP TABLE x; --",
        "api/rows?status=open;DELETE",
        "api/rows?sort=recon_id; DROP TABLE main_integrity.fct_reconciliation",
        "api/rows?sort=unknown_column",
        "api/rows?sort=(SELECT 1)",
        "api/rows?dir=sideways",
        "api/rows?from=2025-13-45",
        "api/rows?from=yesterday",
        "api/rows?to=0001-01-01",
        "api/rows?from=2025-06-01&to=2025-01-01",
        "api/rows?min=1e400",
        "api/rows?min=99999999999999999999999999999999",
        "api/rows?max=NaN",
        "api/rows?min=12.345678",
        "api/rows?min=10&max=5",
        "api/rows?page=0",
        "api/rows?page=99999999999",
        "api/rows?size=100000",
        "api/rows?size=-1",
        "api/rows?customer=x' OR '1'='1",
        "api/rows?customer=a;--",
        "api/rows?q=ch_1' UNION SELECT * FROM duckdb_settings() --",
        "api/rows?leaking=yes",
        "api/rows?nonsense=1",
        "api/rows?anomaly=missing_in_erp&anomaly=timing_drift",
        "api/rows.csv?sort=1;COPY",
        "api/summary?x=1",
        "api/items/rc_1'%20OR%20'1'='1",
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Rejected_with_400_and_json_reason(string path)
    {
        using var response = await fx.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Long_query_string_gets_json_400()
    {
        using var response = await fx.Http.GetAsync("api/rows?customer=" + new string('a', 6000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("query string longer", await response.Content.ReadAsStringAsync());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Ten_megabyte_query_string_is_cut_off_by_kestrel()
    {
        // Raw socket: Kestrel answers 414 once the request line passes MaxRequestLineSize and closes, without reading 10 MB.
        using var client = new TcpClient();
        await client.ConnectAsync(fx.Url.Host, fx.Url.Port);
        var stream = client.GetStream();
        var head = Encoding.ASCII.GetBytes("GET /api/rows?q=");
        await stream.WriteAsync(head);
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        try
        {
            for (var sent = 0; sent < 10 * 1024 * 1024; sent += chunk.Length) await stream.WriteAsync(chunk);
        }
        catch (IOException)
        {
            // the server closed the connection early: that is the point
        }
        var buffer = new byte[256];
        var read = 0;
        try { read = await stream.ReadAsync(buffer); } catch (IOException) { }
        var status = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.True(read == 0 || status.StartsWith("HTTP/1.1 414", StringComparison.Ordinal) || status.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), status);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Many_hostile_requests_in_a_row_leave_the_server_healthy()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => fx.Http.GetAsync($"api/rows?sort=x{i}';--&min=abc"));
        foreach (var response in await Task.WhenAll(tasks))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            response.Dispose();
        }
        await AssertStillServingAsync();
    }

    [Fact]
    public void Invalid_schema_option_is_refused_before_any_sql()
    {
        var e = Assert.Throws<ArgumentException>(() => DashboardExport.Export(fx.Options with { Schema = "main; DROP TABLE x" }, Path.Combine(fx.Dir, "x.html")));
        Assert.Contains("invalid schema name", e.Message);
    }

    private async Task AssertStillServingAsync()
    {
        using var ok = await fx.Http.GetAsync("api/rows?size=1");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
