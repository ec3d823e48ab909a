namespace Ngdbt.Tests.Support;

/// <summary>Stops the test servers once this test process is gone, however it ends. A handler on ProcessExit is not
/// enough: the test platform kills a test host that takes more than a moment to exit, and stopping three Citus nodes
/// and a PostgreSQL server (a `runuser` and a `pg_ctl` each) took longer, which left clusters running after test runs.
/// This process holds an exclusive lock on a file for as long as it lives (.NET takes `flock` for FileShare.None, and
/// the kernel lets go of it when the process ends, killed or not); a watchdog in its own session waits on that lock
/// with `flock` and runs its script as soon as it gets it: no polling, and nothing for the test host to do at exit.</summary>
internal static class ExitWatchdog
{
    private static readonly Lock Gate = new();
    private static FileStream? _held;
    private static string? _lockPath;

    /// <summary>Runs the shell <paramref name="script"/> once this process has exited.</summary>
    public static void WhenGone(string script)
    {
        string path;
        lock (Gate)
        {
            if (_held is null)
            {
                _lockPath = Path.Combine(Path.GetTempPath(), $"ngdbt-test-host-{Environment.ProcessId}-{Guid.NewGuid():N}.lock");
                _held = new FileStream(_lockPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
                // .NET skips the lock when file locking is turned off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING) or fails:
                // a watchdog would then stop the servers at once. A second taker must be refused.
                if (!LockRefused(_lockPath))
                {
                    throw new InvalidOperationException($"this process holds no lock on {_lockPath} (is DOTNET_SYSTEM_IO_DISABLEFILELOCKING set?): the test servers' watchdog could not tell when it is gone");
                }
            }

            path = _lockPath!;
        }

        RunWatchdog(script, path);
    }

    private static bool LockRefused(string path)
    {
        try
        {
            PostgresServer.Run("flock", "--nonblock", path, "true");
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>A shell word that is <paramref name="text"/> exactly, whatever it holds.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void RunWatchdog(string script, string path)
    {
        // setsid: a watchdog of its own session and process group, so a signal to the test host's group spares it;
        // its standard streams go to /dev/null, so this call returns at once.
        PostgresServer.Run("/bin/sh", "-c", "setsid flock \"$1\" /bin/sh -c \"$2\" </dev/null >/dev/null 2>&1 &", "ngdbt-watchdog", path, $"{script}; rm -f {Quote(path)}");
    }

    /// <summary>A shell command that stops the PostgreSQL server of <paramref name="dataDir"/> at once, as the
    /// `postgres` user when the tests run as root.</summary>
    /// <param name="dataDir">A shell word: a path through <see cref="Quote"/>, or a quoted variable of the script.</param>
    public static string StopServer(string pgCtl, string dataDir)
        => $"{(Environment.UserName == "root" ? "runuser -u postgres -- " : string.Empty)}{Quote(pgCtl)} -D {dataDir} -m immediate -w stop";
}
