using System.Globalization;
using NeoGlobal.DataGen;
using NeoGlobal.DataGen.Synthesis;

// Tiny runner for benchmarks and manual runs, independent of the ngdbt CLI:
//   dotnet NeoGlobal.DataGen.Runner.dll --rows 1500000 --seed 42 --out data [--batch 150000] [--events 50000] [--csv] [--model FILE]
//   dotnet NeoGlobal.DataGen.Runner.dll --fit SAMPLE --model FILE [--out data]     (fidelity.md/.json go to --out)
//   dotnet NeoGlobal.DataGen.Runner.dll --seed-sample [--rows 100] [--out data]    (perfect matched pairs, 100 by default)
var options = new GeneratorOptions();
string? fit = null;
var seedSample = false;
var rowsGiven = false;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        options = args[i] switch
        {
            "--rows" => Flag(ref rowsGiven, true) with { Rows = long.Parse(Next(), CultureInfo.InvariantCulture) },
            "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
            "--out" => options with { OutputDir = Next() },
            "--batch" => options with { BatchSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
            "--events" => options with { Events = int.Parse(Next(), CultureInfo.InvariantCulture) },
            "--months" => options with { Months = int.Parse(Next(), CultureInfo.InvariantCulture) },
            "--csv" => options with { Csv = true },
            "--model" => options with { Model = Next() },
            "--fit" => Flag(ref fit, Next()),
            "--seed-sample" => Flag(ref seedSample, true),
            _ => throw new ArgumentException($"unknown argument {args[i]}"),
        };
    }

    GeneratorOptions Flag<T>(ref T target, T value)
    {
        target = value;
        return options;
    }

    if (seedSample)
    {
        var sample = Synthesizer.WriteSeedSample(options.OutputDir, rowsGiven ? checked((int)options.Rows) : 100, options.Seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed_sample_pairs={sample.StripeRows} out={options.OutputDir}"));
        return 0;
    }

    if (fit is not null)
    {
        var model = options.Model ?? throw new ArgumentException("--fit needs --model FILE (where the model is written)");
        var r = Synthesizer.Fit(new FitOptions(fit, model, options.OutputDir, Seed: options.Seed));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample_rows={r.SampleRows} excluded_pairs={r.ExcludedPairs} model={r.ModelPath} fidelity={r.FidelityPath}"));
        Console.WriteLine(string.Join(' ', r.Families.Select(kv => $"{kv.Key}={kv.Value}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit_seconds={r.FitTime.TotalSeconds:F3} total_seconds={r.Elapsed.TotalSeconds:F3}"));
        return 0;
    }

    var report = NeoGlobalGenerator.Run(options);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"stripe_rows={report.StripeRows} netsuite_rows={report.NetsuiteRows} event_rows={report.EventRows} leakage={report.ExpectedTotalLeakage}"));
    Console.WriteLine(string.Join(' ', report.AnomalyCounts.Select(kv => $"{kv.Key}={kv.Value}")));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"elapsed_seconds={report.Elapsed.TotalSeconds:F3}"));
    return 0;
}
catch (Exception e) when (e is ArgumentException or SynthesisException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
