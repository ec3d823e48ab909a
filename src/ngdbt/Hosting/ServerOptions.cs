using System.CommandLine;
using System.Net;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;

namespace Ngdbt.Cli.Hosting;

/// <summary>`--host` and `--port` of every server verb (`docs serve`, a host's `serve`): validated when parsed (a port
/// outside 0-65535 or a host that is no IP address is a usage error, never a crash or a wide-open bind), and binding
/// problems (a busy port) reported as errors.</summary>
public static class ServerOptions
{
    public static Option<int> Port(int defaultPort)
    {
        var option = new Option<int>("--port") { Description = $"Port to listen on (default {defaultPort}; 0 picks a free one)", DefaultValueFactory = _ => defaultPort };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError($"--port {r.GetValueOrDefault<int>()} is not a port (0-65535; 0 picks a free one)");
            }
        });
        return option;
    }

    public static Option<string> Host()
    {
        var option = new Option<string>("--host") { Description = "Address to bind (default 127.0.0.1; 0.0.0.0 only inside a container)", DefaultValueFactory = _ => "127.0.0.1" };
        option.Validators.Add(r =>
        {
            var host = r.GetValueOrDefault<string>();
            if (host != "localhost" && !IPAddress.TryParse(host, out _))
            {
                r.AddError($"--host '{host}' is not an IP address (use 127.0.0.1, or 0.0.0.0 to listen on every interface)");
            }
        });
        return option;
    }

    /// <summary>Says so when a server is about to listen beyond this machine.</summary>
    public static void WarnIfWide(string host, ConsoleOutput output)
    {
        if (host != "localhost" && IPAddress.TryParse(host, out var ip) && !IPAddress.IsLoopback(ip))
        {
            output.Line($"warning: listening on {host}, reachable from other machines; use it only inside a container or behind a firewall", "yellow");
        }
    }

    /// <summary>Starts a server; a port that cannot be bound (in use, not permitted) is a usage error, not a crash.</summary>
    public static async Task<T?> StartAsync<T>(Func<Task<T>> start, string host, int port, ConsoleOutput output)
        where T : class
    {
        try
        {
            return await start();
        }
        catch (IOException e)
        {
            output.Line($"error {DiagnosticCodes.UsageError}: cannot listen on {host}:{port}: {e.InnerException?.Message ?? e.Message}", "red");
            return null;
        }
    }
}
