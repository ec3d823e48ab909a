using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>
/// `ngdbt serve` and `ngdbt docs serve` as real processes: a signal is sent and the exit is awaited with a deadline
/// (no sleeps). Both used to print "Ctrl+C to stop" and then sit out the host's 30 s shutdown timeout.
/// </summary>
public sealed partial class ServeShutdownTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private const int SigInt = 2;
    private const int SigTerm = 15;

    public static TheoryData<string, int> Cases => new()
    {
        { "docs", SigInt }, { "docs", SigTerm }, { "dashboard", SigInt }, { "dashboard", SigTerm },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Serve_stops_within_two_seconds_of_a_signal(string which, int signal)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/one.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id\n",
            ["target/docs-site/index.html"] = "<!doctype html><title>site</title>",
        });
        Assert.Equal(0, p.Run("run").Exit); // creates the warehouse file `ngdbt serve` opens
        string[] verb = which == "docs" ? ["docs", "serve"] : ["serve"];
        using var process = Start(p.Root, [.. verb, "--port", "0", "--project-dir", p.Root]);
        try
        {
            var url = await ReadUrlAsync(process);
            using (var http = new HttpClient())
            {
                var path = which == "docs" ? "" : "healthz";
                Assert.True((await http.GetAsync(new Uri(url, path))).IsSuccessStatusCode);
            }

            var clock = Stopwatch.StartNew();
            Assert.Equal(0, kill(process.Id, signal));
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{string.Join(' ', verb)} still running {clock.ElapsedMilliseconds} ms after signal {signal}");
            }

            Assert.True(clock.Elapsed < Deadline, $"exited after {clock.ElapsedMilliseconds} ms");
            Assert.NotEqual(0, process.ExitCode); // interrupted, not a normal end
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(url.Host, url.Port));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Starts the CLI as its own process. `env --default-signal` undoes an inherited "ignore SIGINT" (a test
    /// runner started in the background passes that on), so the signal reaches the process as from a terminal.</summary>
    private static Process Start(string root, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ngdbt.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var a in (string[])["--default-signal=INT,TERM", dotnet, dll, .. args]) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start ngdbt");
    }

    private static async Task<Uri> ReadUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (Url().Match(line) is { Success: true } m) return new Uri(m.Value);
        }

        throw new InvalidOperationException("no URL printed: " + seen + await process.StandardError.ReadToEndAsync(timeout.Token));
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Url();
}
