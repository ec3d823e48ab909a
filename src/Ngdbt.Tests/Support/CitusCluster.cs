namespace Ngdbt.Tests.Support;

/// <summary>A real 3-node Citus cluster (coordinator + 2 workers on loopback), started once per test process with the
/// vendored `shared/vendor/citus/cluster.sh` (Citus built by its `build.sh`, which `.ci/run` calls), stopped once the
/// test process is gone (<see cref="ExitWatchdog"/>).
/// <see cref="StartPrivate"/> gives a test a cluster of its own (own data folder and ports) that it may break: stop
/// and restart its nodes.</summary>
internal sealed class CitusCluster : IDisposable
{
    private static readonly Lazy<CitusCluster> Shared = new(() => Start(shared: true));
    private readonly bool _shared;

    private CitusCluster(int port, string dataDir, bool shared)
    {
        Port = port;
        DataDir = dataDir;
        _shared = shared;
    }

    public static CitusCluster Instance => Shared.Value;

    /// <summary>The coordinator's port; worker i (1-based) listens on Port + i.</summary>
    public int Port { get; }

    public string DataDir { get; }

    /// <summary>A new 3-node cluster for one test; <see cref="Dispose"/> stops it and deletes its data.</summary>
    public static CitusCluster StartPrivate() => Start(shared: false);

    /// <summary>Stops one node the hard way (`pg_ctl stop -m immediate`: the postmaster and its backends die at once,
    /// as in a crash); <paramref name="port"/> is the coordinator's or a worker's.</summary>
    public void Kill(int port) => PostgresServer.RunAsPostgres(Environment.UserName == "root", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", NodeDir(port), "-m", "immediate", "-w", "stop");

    /// <summary>Starts a stopped node again with the options cluster.sh gave it.</summary>
    public void Restart(int port) => PostgresServer.RunAsPostgres(Environment.UserName == "root", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", NodeDir(port), "-o", $"-p {port} -k /tmp", "-l", NodeDir(port) + ".log", "-w", "start");

    private string NodeDir(int port) => Path.Combine(DataDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (!_shared)
        {
            Stop(DataDir);
        }
    }

    /// <summary>Stops every node at once (`-m immediate`: cluster.sh's fast shutdown waits for Citus's maintenance
    /// daemons) and deletes the cluster's data.</summary>
    private static void Stop(string data)
    {
        try
        {
            Run("/bin/sh", "-c", StopScript(data));
        }
        catch (InvalidOperationException)
        {
            // A cluster that is already gone is fine.
        }
    }

    /// <summary>The shell script that stops the nodes of <paramref name="data"/> still running and deletes it: run by
    /// <see cref="Dispose"/>, and by the watchdog once the test process is gone (<see cref="ExitWatchdog"/>).</summary>
    private static string StopScript(string data)
        => $"for d in {ExitWatchdog.Quote(data)}/*/; do [ -f \"$d/postmaster.pid\" ] && {ExitWatchdog.StopServer("/usr/lib/postgresql/15/bin/pg_ctl", "\"$d\"")}; done; rm -rf {ExitWatchdog.Quote(data)}";

    private static string Script()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeoGlobal.sln")))
        {
            dir = dir.Parent;
        }

        var script = dir?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "vendor", "citus", "cluster.sh") : null;
        return script is not null && File.Exists(script) ? script : throw new InvalidOperationException("shared/vendor/citus/cluster.sh not found beside the repository");
    }

    private static CitusCluster Start(bool shared)
    {
        var script = Script();
        if (!Installed() && Environment.UserName == "root")
        {
            // The README's test command sets up what it needs: the vendored, idempotent build (what .ci/run calls).
            Run("bash", Path.Combine(Path.GetDirectoryName(script)!, "build.sh"));
        }

        if (!Installed())
        {
            throw new InvalidOperationException("Citus is not installed: run shared/vendor/citus/build.sh as root (.ci/run does)");
        }

        PostgresServer.ReapStale("ngdbt-citus-");
        var data = PostgresServer.CreateOwned("ngdbt-citus-");
        var port = TestPorts.Reserve(3);
        Run("bash", script, "up", data, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "2");
        // A private cluster is stopped by Dispose; this stops the shared one, and catches one a failing test left behind.
        ExitWatchdog.WhenGone(StopScript(data));
        return new CitusCluster(port, data, shared);
    }

    private static bool Installed()
        => Directory.Exists("/usr/lib/postgresql") && Directory.EnumerateFiles("/usr/lib/postgresql", "citus.so", SearchOption.AllDirectories).Any();

    private static void Run(string program, params string[] args) => PostgresServer.Run(program, args);
}
