using System.Globalization;
using NeoGlobal.DataGen;

// Tiny runner for benchmarks and manual runs, independent of the ngdbt CLI:
//   dotnet NeoGlobal.DataGen.Runner.dll --rows 1500000 --seed 42 --out data [--batch 150000] [--events 50000] [--csv]
var options = new GeneratorOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    options = args[i] switch
    {
        "--rows" => options with { Rows = long.Parse(Next(), CultureInfo.InvariantCulture) },
        "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
        "--out" => options with { OutputDir = Next() },
        "--batch" => options with { BatchSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
        "--events" => options with { Events = int.Parse(Next(), CultureInfo.InvariantCulture) },
        "--months" => options with { Months = int.Parse(Next(), CultureInfo.InvariantCulture) },
        "--csv" => options with { Csv = true },
        _ => throw new ArgumentException($"unknown argument {args[i]}"),
    };
}

var report = NeoGlobalGenerator.Run(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stripe_rows={report.StripeRows} netsuite_rows={report.NetsuiteRows} event_rows={report.EventRows} leakage={report.ExpectedTotalLeakage}"));
Console.WriteLine(string.Join(' ', report.AnomalyCounts.Select(kv => $"{kv.Key}={kv.Value}")));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed_seconds={report.Elapsed.TotalSeconds:F3}"));
