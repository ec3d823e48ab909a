using System.Diagnostics;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>
/// Another process that holds DuckDB's lock on a warehouse file (a POSIX record lock, as a running `ngdbt build`
/// holds it) and touches the file; disposing releases the lock and waits for the process to exit. Locks taken in
/// this process would not conflict with the dashboard's own, hence a separate process (python3, no sleeps: it says
/// "locked" once it holds the lock).
/// </summary>
internal sealed class WarehouseLock : IAsyncDisposable
{
    private const string Script = "import fcntl, os, sys\nf = open(sys.argv[1], 'r+b')\nfcntl.lockf(f, fcntl.LOCK_EX)\nos.utime(sys.argv[1], None)\nprint('locked', flush=True)\nsys.stdin.read()\n";
    private readonly Process _holder;

    private WarehouseLock(Process holder) => _holder = holder;

    public static async Task<WarehouseLock> TakeAsync(string path)
    {
        var holder = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", Script, path },
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("python3 did not start");
        var line = await holder.StandardOutput.ReadLineAsync();
        if (line != "locked") throw new InvalidOperationException($"the lock holder said '{line}'");
        return new WarehouseLock(holder);
    }

    public async ValueTask DisposeAsync()
    {
        _holder.StandardInput.Close();
        await _holder.WaitForExitAsync();
        _holder.Dispose();
    }
}
