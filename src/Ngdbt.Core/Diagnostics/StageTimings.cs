using System.Diagnostics;

namespace Ngdbt.Diagnostics;

/// <summary>NGDBT_TIMINGS=1 prints how long each stage and sub-stage took on stderr: what a performance question needs
/// to explain itself. Off, it costs one boolean check.</summary>
public static class StageTimings
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NGDBT_TIMINGS") == "1";

    public static void Report(string stage, Stopwatch clock)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"timing {stage}: {clock.Elapsed.TotalMilliseconds:0} ms");
        }

        clock.Restart();
    }
}
