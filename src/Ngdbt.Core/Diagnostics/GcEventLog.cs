using System.Diagnostics.Tracing;

namespace Ngdbt.Diagnostics;

/// <summary>NGDBT_TIMINGS=gc prints every garbage collection on stderr as the runtime reports it: its generation, why
/// it ran (the runtime's reason: a small- or large-object allocation budget spent, induced, ...), when (ms from the
/// start of the log), and the heap sizes after it. The stage timings say how long the collector paused; this says
/// which allocations made it run.</summary>
public sealed class GcEventLog : EventListener
{
    private static readonly string[] Reasons =
    [
        "small-object budget", "induced", "low memory", "empty", "large-object budget", "out of space (small)",
        "out of space (large)", "induced, not forced", "GC stress", "low memory, blocking", "induced, compacting",
        "low memory (host)", "provisional full", "low memory (host, blocking)", "background tuning (small)",
        "background tuning (large)", "background stepping", "induced, aggressive",
    ];

    /// <summary>When the log began. Events reach an in-process listener in batches, so each line gives the time the
    /// runtime stamped on its event, not the time it was delivered.</summary>
    private readonly DateTime _start = DateTime.UtcNow;

    public static GcEventLog? StartIfAsked() => Environment.GetEnvironmentVariable("NGDBT_TIMINGS") == "gc" ? new GcEventLog() : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCStart", StringComparison.Ordinal) == true && e.Payload is { Count: >= 3 } p)
        {
            var reason = Convert.ToInt32(p[2], System.Globalization.CultureInfo.InvariantCulture);
            Console.Error.WriteLine($"gc #{p[0]} gen{p[1]} ({(reason < Reasons.Length ? Reasons[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}) at {(e.TimeStamp.ToUniversalTime() - _start).TotalMilliseconds:0} ms");
        }
        else if (e.EventName?.StartsWith("GCHeapStats", StringComparison.Ordinal) == true && e.Payload is { Count: >= 10 } h)
        {
            static long Mb(object? v) => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) >> 20;
            Console.Error.WriteLine($"   after: gen0 {Mb(h[0])} MB, gen1 {Mb(h[2])} MB, gen2 {Mb(h[4])} MB, LOH {Mb(h[6])} MB; promoted gen0 {Mb(h[1])}, gen1 {Mb(h[3])}, gen2 {Mb(h[5])} MB");
        }
    }
}
