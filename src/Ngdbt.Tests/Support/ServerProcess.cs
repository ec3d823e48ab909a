using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Ngdbt.Tests.Support;

/// <summary>A server verb (`ngdbt docs serve`, `neoglobal serve`) as a real process: started, its URL read from its
/// output, a signal sent, and the exit awaited with a deadline (no sleeps). Shared by the test projects of both hosts.</summary>
internal static partial class ServerProcess
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>`env --default-signal` undoes an inherited "ignore SIGINT" (a test runner started in the background
    /// passes that on), so the signal reaches the process as from a terminal.</summary>
    public static Process Start(string dll, string root, string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var a in (string[])["--default-signal=INT,TERM", dotnet, Path.Combine(AppContext.BaseDirectory, dll), .. args])
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
    }

    public static async Task<Uri> ReadUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (Url().Match(line) is { Success: true } m)
            {
                return new Uri(m.Value);
            }
        }

        throw new InvalidOperationException("no URL printed: " + seen + await process.StandardError.ReadToEndAsync(timeout.Token));
    }

    /// <summary>Sends the signal and asserts the process ends within the deadline, interrupted, with its port closed.</summary>
    public static async Task AssertStopsWithin(Process process, Uri url, int signal, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, kill(process.Id, signal));
        using var limit = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what} still running {clock.ElapsedMilliseconds} ms after signal {signal}");
        }

        Assert.True(clock.Elapsed < deadline, $"exited after {clock.ElapsedMilliseconds} ms");
        Assert.NotEqual(0, process.ExitCode); // interrupted, not a normal end
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(url.Host, url.Port));
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Url();
}
