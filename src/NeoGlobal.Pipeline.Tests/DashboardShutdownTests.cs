using Ngdbt.Tests.Support;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>`neoglobal serve` (the dashboard) as a real process stops within 2 s of SIGINT or SIGTERM.</summary>
public sealed class DashboardShutdownTests
{
    [Theory]
    [InlineData(ServerProcess.SigInt)]
    [InlineData(ServerProcess.SigTerm)]
    public async Task Serve_stops_within_two_seconds_of_a_signal(int signal)
    {
        Assert.True(OperatingSystem.IsLinux(), "signals are sent with kill(2)");
        using var project = NeoGlobalProject.CopyToTemp();
        Assert.Equal(0, NeoGlobalCliTests.Run("generate", "--rows", "1000", "--batch-size", "500", "--project-dir", project.Root).Exit);
        Assert.Equal(0, NeoGlobalCliTests.Run("build", "--project-dir", project.Root).Exit);
        using var process = ServerProcess.Start("neoglobal.dll", project.Root, ["serve", "--port", "0", "--project-dir", project.Root]);
        try
        {
            var url = await ServerProcess.ReadUrlAsync(process);
            using (var http = new HttpClient())
            {
                Assert.True((await http.GetAsync(new Uri(url, "healthz"))).IsSuccessStatusCode);
            }

            await ServerProcess.AssertStopsWithin(process, url, signal, TimeSpan.FromSeconds(2), "neoglobal serve");
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
