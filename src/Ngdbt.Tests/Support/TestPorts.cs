using System.Net;
using System.Net.Sockets;

namespace Ngdbt.Tests.Support;

/// <summary>Loopback ports for the database servers the tests start. A port the kernel hands out for port 0 comes from
/// the ephemeral range, which every outgoing connection and every <c>--port 0</c> server of the other test processes
/// draws from too: between the probe and the server's bind (initdb and the workers' start-up take seconds), one of
/// them could take it. These come from below that range, where only explicit binds go, and each is held by a lock
/// file for the life of this process, so two test processes never pick the same one.</summary>
internal static class TestPorts
{
    private static readonly Lock Gate = new();
    private static readonly List<FileStream> Held = [];

    /// <summary>The first of <paramref name="count"/> consecutive free ports, all reserved for this process.</summary>
    public static int Reserve(int count)
    {
        var (low, high) = Range();
        var dir = Path.Combine(Path.GetTempPath(), "ngdbt-test-ports");
        Directory.CreateDirectory(dir);
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var first = Random.Shared.Next(low, high - count);
                var locks = new List<FileStream>();
                foreach (var port in Enumerable.Range(first, count))
                {
                    var held = TryLock(Path.Combine(dir, port + ".lock"));
                    if (held is null || !IsFree(port))
                    {
                        held?.Dispose();
                        break;
                    }

                    locks.Add(held);
                }

                if (locks.Count == count)
                {
                    Held.AddRange(locks);
                    return first;
                }

                locks.ForEach(l => l.Dispose());
            }
        }

        throw new InvalidOperationException($"no run of {count} free loopback ports in {low}-{high}");
    }

    /// <summary>A window below the kernel's ephemeral range (ip_local_port_range), else a fixed one.</summary>
    private static (int Low, int High) Range()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var ephemeralStart = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            if (ephemeralStart > 12_000)
            {
                return (Math.Max(10_000, ephemeralStart - 12_000), ephemeralStart);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // not Linux, or no procfs: the fixed window
        }

        return (20_000, 32_000);
    }

    /// <summary>An exclusive lock (flock on Unix), released when the process ends, however it ends.</summary>
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // held by another process, or another user's file: the port counts as taken
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
