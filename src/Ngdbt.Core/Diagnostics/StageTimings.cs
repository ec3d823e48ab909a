using System.Diagnostics;

namespace Ngdbt.Diagnostics;

/// <summary>NGDBT_TIMINGS=1 prints how long each stage and sub-stage took on stderr, with what the process allocated
/// and how many collections ran since the previous line (most of a big compile's CPU time is the garbage collector's,
/// so a performance question needs both to explain itself), the process's CPU time over the same interval (CPU time
/// well below twice the wall time on two cores is a stage that leaves a core idle) and when the line was written,
/// counted from the process's start. NGDBT_TIMINGS=gc adds every collection (<see cref="GcEventLog"/>). Off, it costs
/// one boolean check.</summary>
public static class StageTimings
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NGDBT_TIMINGS") is "1" or "gc";

    private static readonly Lock Gate = new();
    private static long _allocated;
    private static int _gen0;
    private static int _gen1;
    private static int _gen2;
    private static TimeSpan _paused;
    private static TimeSpan _cpu;
    private static long _jitted;
    private static TimeSpan _jitTime;

    public static void Report(string stage, Stopwatch clock)
    {
        if (Enabled)
        {
            lock (Gate)
            {
                var allocated = GC.GetTotalAllocatedBytes();
                var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var paused = GC.GetTotalPauseDuration();
                using var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var at = DateTime.Now - process.StartTime;
                var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
                Console.Error.WriteLine($"timing {stage}: {clock.Elapsed.TotalMilliseconds:0} ms ({(allocated - _allocated) >> 20} MB allocated, GCs {g0 - _gen0}/{g1 - _gen1}/{g2 - _gen2}, paused {(paused - _paused).TotalMilliseconds:0} ms, {jitted - _jitted} methods JIT-compiled in {(jitTime - _jitTime).TotalMilliseconds:0} ms; process CPU {(cpu - _cpu).TotalMilliseconds:0} ms since the last line, at {at.TotalMilliseconds:0} ms)");
                (_allocated, _gen0, _gen1, _gen2, _paused, _cpu, _jitted, _jitTime) = (allocated, g0, g1, g2, paused, cpu, jitted, jitTime);
            }
        }

        clock.Restart();
    }
}
