using System.Diagnostics;
using Ngdbt.Docs;
using Ngdbt.Docs.DuckDb;

// usage: DocsBench <targetDir> <outputDir> [runs]  — prints each run and the median of `docs generate` wall time.
var target = args[0];
var output = args[1];
var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
var times = new List<double>();
DocsResult? last = null;
for (var r = 0; r < runs; r++)
{
    var clock = Stopwatch.StartNew();
    using var parser = new DuckDbParseTreeProvider();
    // Every run analyses every model (no reuse of unchanged lineage): this measures the full work.
    last = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = target, OutputDir = output, ReuseLineage = false }, parser);
    times.Add(clock.Elapsed.TotalMilliseconds);
    foreach (var d in last.Diagnostics.Where(d => d.Code.StartsWith("DOCS90", StringComparison.Ordinal))) Console.WriteLine("    " + d.Message);
    Console.WriteLine($"  run {r + 1}: {clock.Elapsed.TotalMilliseconds:F0} ms ({last.FilesWritten.Count} files, {last.Diagnostics.Count} diagnostics)");
}
foreach (var d in last!.Diagnostics.Where(d => d.Severity != DocsSeverity.Info || d.Code.StartsWith("DOCS90", StringComparison.Ordinal)).Take(8)) Console.WriteLine("  " + d);
times.Sort();
Console.WriteLine($"docs generate median: {times[times.Count / 2]:F0} ms over {runs} runs (first run includes JIT + DuckDB load)");
return last.Success ? 0 : 1;
