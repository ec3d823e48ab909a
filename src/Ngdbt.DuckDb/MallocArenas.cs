using System.Runtime.InteropServices;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>
/// glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed into an arena is
/// rarely returned to the system: DuckDB's worker threads and ngdbt's node workers then hold far more than DuckDB's
/// memory_limit between them. At 15M rows a side the NeoGlobal build peaked at 2.08 GB with the default and 1.86 GB
/// with MALLOC_ARENA_MAX=2, in the same build time (one run each, by hand). So, before DuckDB starts its threads, the
/// arenas are capped at two, unless MALLOC_ARENA_MAX is set (then glibc already applies it). Elsewhere (musl, macOS,
/// Windows) nothing happens.
/// </summary>
internal static partial class MallocArenas
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h
    private static int _applied;

    /// <summary>Caps the arenas once per process; true when glibc accepted it (or it was capped before).</summary>
    public static bool Cap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        if (Volatile.Read(ref _applied) == 1)
        {
            return true;
        }

        try
        {
            // Applying it twice (two adapters opened at once) is harmless; only a success is remembered.
            var accepted = MallOpt(ArenaMax, 2) == 1;
            if (accepted)
            {
                Volatile.Write(ref _applied, 1);
            }

            return accepted;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
