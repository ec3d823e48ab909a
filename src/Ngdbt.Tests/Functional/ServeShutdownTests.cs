using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt docs serve` as a real process stops within 2 s of SIGINT or SIGTERM (it used to print "Ctrl+C to
/// stop" and then sit out the host's 30 s shutdown timeout). The dashboard's twin is in NeoGlobal.Pipeline.Tests.</summary>
public sealed class ServeShutdownTests
{
    [Fact]
    public void A_busy_port_is_a_usage_error()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/one.sql"] = "select 1 as id\n",
            ["target/docs-site/index.html"] = "<!doctype html><title>site</title>",
        });
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, output) = p.Run("docs", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, exit);
        Assert.Contains($"error NG0041: cannot listen on 127.0.0.1:{port}:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerProcess.SigInt)]
    [InlineData(ServerProcess.SigTerm)]
    public async Task Docs_serve_stops_within_two_seconds_of_a_signal(int signal)
    {
        Assert.True(OperatingSystem.IsLinux(), "signals are sent with kill(2)");
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/one.sql"] = "select 1 as id\n",
            ["target/docs-site/index.html"] = "<!doctype html><title>site</title>",
        });
        using var process = ServerProcess.Start("ngdbt.dll", p.Root, ["docs", "serve", "--port", "0", "--project-dir", p.Root]);
        try
        {
            var url = await ServerProcess.ReadUrlAsync(process);
            using (var http = new HttpClient())
            {
                Assert.True((await http.GetAsync(url)).IsSuccessStatusCode);
            }

            await ServerProcess.AssertStopsWithin(process, url, signal, TimeSpan.FromSeconds(2), "ngdbt docs serve");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
