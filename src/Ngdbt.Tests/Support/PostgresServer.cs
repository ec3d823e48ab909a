using System.Diagnostics;

namespace Ngdbt.Tests.Support;

/// <summary>A real PostgreSQL server for the tests, started once per test process from Debian's packages: initdb into a
/// temp folder, run as the `postgres` user when the tests run as root, listening on 127.0.0.1 and a free port only.
/// Stopped once the process is gone (<see cref="ExitWatchdog"/>). Never a mock: without PostgreSQL installed, the tests that need it fail, naming
/// what to install (`.ci/run` installs it).</summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start);

    private PostgresServer(string bin, string dataDir, int port)
    {
        Bin = bin;
        DataDir = dataDir;
        Port = port;
    }

    /// <summary>The role that must give a password (<see cref="SecurePassword"/>).</summary>
    public const string SecureUser = "ngdbt_secure";

    public const string SecurePassword = "correct-horse-battery";

    public static PostgresServer Instance => Shared.Value;

    public string Bin { get; }

    public string DataDir { get; }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    /// <summary>A fresh, empty database for one test project.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        cmd.ExecuteNonQuery();
        return name;
    }

    private static string? FindBin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
        : null;

    /// <summary>The README's test command sets up what it needs: on a machine without PostgreSQL, running as root with
    /// apt, Debian's package is installed once (what `.ci/run` does up front).</summary>
    private static string? InstallIfMissing()
    {
        if (FindBin() is { } found || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return FindBin();
        }

        Run("/bin/sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null && (pg_lsclusters -h | awk '$4 == \"online\" {print $1, $2}' | while read -r v c; do pg_ctlcluster \"$v\" \"$c\" stop; done; true)");
        return FindBin();
    }

    /// <summary>Test servers are stopped by a watchdog once their test process is gone (<see cref="ExitWatchdog"/>); should
    /// that watchdog be gone too (a reboot, a killed session), each run also records its process id beside its servers
    /// and first stops the servers of runs that are gone.</summary>
    internal static void ReapStale(string prefix)
    {
        // A staging folder (CreateOwned) is renamed within microseconds; one older than a minute was left by a crash.
        foreach (var staging in Directory.EnumerateDirectories(Path.GetTempPath(), "ngdbt-staging-*"))
        {
            try
            {
                if (Directory.GetCreationTimeUtc(staging) < DateTime.UtcNow.AddMinutes(-1))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone already, or not ours
            }
        }

        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            try
            {
                ReapIfStale(root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run, or the watchdog of the run that owned it (ExitWatchdog), is deleting it right now.
            }
        }
    }

    private static void ReapIfStale(string root)
    {
        var owner = Path.Combine(root, "owner.pid");
        if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && IsAlive(pid))
        {
            return;
        }

        foreach (var pidFile in Directory.EnumerateFiles(root, "postmaster.pid", SearchOption.AllDirectories))
        {
            try
            {
                RunAsPostgres(Environment.UserName == "root", Path.Combine(FindBin() ?? "/usr/lib/postgresql/15/bin", "pg_ctl"), "-D", Path.GetDirectoryName(pidFile)!, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        Directory.Delete(root, recursive: true);
    }

    /// <summary>A new server folder named <paramref name="prefix"/> + a random suffix, marked as this process's (see
    /// <see cref="ReapStale"/>). It is made and marked under another name, then renamed: another test process reaping
    /// at that moment must never see it unmarked (or its mark half-written) and delete it under this one.</summary>
    internal static string CreateOwned(string prefix)
    {
        var staging = Path.Combine(Path.GetTempPath(), "ngdbt-staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var root = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.Move(staging, root);
        return root;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static PostgresServer Start()
    {
        ReapStale("ngdbt-pg-");
        var bin = InstallIfMissing();
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian's `postgresql` package (.ci/run does)");
        }

        var root = CreateOwned("ngdbt-pg-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "postgres", root);
        }

        var data = Path.Combine(root, "data");
        RunAsPostgres(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        // One role needs a password (scram), so wrong-password errors can be tested; everything else is trust on loopback.
        var hba = Path.Combine(data, "pg_hba.conf");
        File.WriteAllText(hba, $"host all {SecureUser} 127.0.0.1/32 scram-sha-256\n" + File.ReadAllText(hba));
        var port = TestPorts.Reserve(1);
        RunAsPostgres(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start");
        // Registered before anything else can fail, so the server never outlives this process.
        ExitWatchdog.WhenGone($"{ExitWatchdog.StopServer(Path.Combine(bin, "pg_ctl"), ExitWatchdog.Quote(data))}; rm -rf {ExitWatchdog.Quote(root)}");
        var server = new PostgresServer(bin, data, port);
        using (var connection = new Npgsql.NpgsqlConnection(server.ConnectionString("postgres")))
        {
            connection.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"CREATE ROLE {SecureUser} LOGIN PASSWORD '{SecurePassword}'", connection);
            cmd.ExecuteNonQuery();
            using var db = new Npgsql.NpgsqlCommand($"CREATE DATABASE {SecureUser} OWNER {SecureUser}", connection);
            db.ExecuteNonQuery();
        }

        return server;
    }

    internal static void RunAsPostgres(bool asRoot, string program, params string[] args)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    /// <summary>
    /// Closes every inherited descriptor above stderr, then runs the program: a server started from here must not keep
    /// a descriptor the test run inherited (a build lock taken with `flock`, say) open for as long as it lives.
    /// </summary>
    private const string CloseInherited = "for fd in $(ls /proc/$$/fd); do if [ \"$fd\" -gt 2 ]; then eval \"exec $fd>&-\" 2>/dev/null; fi; done; exec \"$@\"";

    /// <summary>Runs a program to its end; a non-zero exit is an exception carrying what it printed.</summary>
    internal static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(CloseInherited);
        info.ArgumentList.Add("ngdbt-test-run");
        info.ArgumentList.Add(program);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}{stdout.Result}");
        }
    }
}
