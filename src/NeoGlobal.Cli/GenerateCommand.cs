using System.CommandLine;
using System.Globalization;
using NeoGlobal.DataGen;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Spectre.Console;
using Ngdbt.Diagnostics;

namespace NeoGlobal.Cli;

/// <summary>`neoglobal generate`: NeoGlobal's synthetic Stripe/NetSuite data (Bogus), with anomalies and a separate ground truth.</summary>
internal static partial class GenerateCommand
{
    private static Option<long> Rows => new("--rows") { Description = "Stripe rows (the ERP side gets about as many)", DefaultValueFactory = _ => 1_500_000 };
    private static Option<int> Seed => new("--seed") { Description = "Random seed (same seed, same data)", DefaultValueFactory = _ => 42 };
    private static Option<string> Out => new("--out") { Description = "Output folder, relative to the project (default: data)", DefaultValueFactory = _ => "data" };
    private static Option<bool> Csv => new("--csv") { Description = "Also write CSV next to each Parquet file" };
    private static Option<int> BatchSize => new("--batch-size") { Description = "Rows per batch (memory stays bounded by it)", DefaultValueFactory = _ => 150_000 };
    private static Option<decimal?> Missing => new("--missing-rate") { Description = "Fraction of ERP rows deleted (default 0.02)" };
    private static Option<decimal?> Mismatch => new("--mismatch-rate") { Description = "Fraction of billing amounts changed (default 0.01)" };
    private static Option<decimal?> Shapes => new("--shapes-scale") { Description = "Multiplier for the rates of real billing/ERP shapes (split and consolidated postings, refunds, disputes, fees netted, FX, sub-cent); 0 turns them off (default 1)" };

    public static Command Create()
    {
        var command = new Command("generate", "Generate NeoGlobal's synthetic Stripe and NetSuite data with injected anomalies");
        foreach (var option in new Option[] { Rows, Seed, Out, Csv, BatchSize, Missing, Mismatch, Shapes, Fit, Model, SeedSample })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => Task.FromResult(Run(parse, new ConsoleOutput(), ct)));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output, CancellationToken ct)
    {
        var root = CliVerbs.ProjectRoot(parse);
        var outDir = Path.Combine(root, parse.Value(Out)!);
        if (RunSynthesis(parse, output, root, outDir) is { } exit)
        {
            return exit;
        }

        var rates = new AnomalyRates();
        rates = rates with
        {
            MissingInErp = parse.Value(Missing) ?? rates.MissingInErp,
            AmountMismatch = parse.Value(Mismatch) ?? rates.AmountMismatch,
        };
        if (parse.Value(Shapes) is { } scale)
        {
            if (scale < 0m)
            {
                output.Line($"error {DiagnosticCodes.UsageError}: --shapes-scale must be 0 or more (got {scale.ToString(CultureInfo.InvariantCulture)})", "red");
                return CliVerbs.ExitUsage;
            }

            rates = rates.WithShapes(scale);
        }
        var model = parse.Value(Model) is { } m ? Path.Combine(root, m) : null;
        var options = new GeneratorOptions(outDir, parse.Value(Rows), parse.Value(Seed), parse.Value(BatchSize), parse.Value(Csv), rates, Model: model);
        GenerationReport? report = null;
        try
        {
            output.Console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"generating {options.Rows:N0} rows a side", maxValue: options.Rows);
                    report = NeoGlobalGenerator.Run(options, new Progress(task), ct);
                    task.Value = task.MaxValue;
                });
        }
        catch (Exception e) when (e is ArgumentException or NeoGlobal.DataGen.Synthesis.SynthesisException)
        {
            output.Line($"error {DiagnosticCodes.UsageError}: {e.Message}", "red");
            return CliVerbs.ExitUsage;
        }

        var r = report!;
        output.Line(string.Create(CultureInfo.InvariantCulture, $"Generated {r.StripeRows:N0} Stripe rows, {r.NetsuiteRows:N0} NetSuite rows, {r.EventRows:N0} webhook events in {r.Elapsed.TotalSeconds:0.0}s"), "green");
        foreach (var (kind, count) in r.AnomalyCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"  {kind,-20} {count,10:N0}"));
        }

        output.Line(string.Create(CultureInfo.InvariantCulture, $"Ground truth (never read by models): {Path.GetRelativePath(root, r.GroundTruthPath)}; expected Total Leakage ${r.ExpectedTotalLeakage:N4}"));
        return CliVerbs.ExitOk;
    }

    /// <summary>Progress reported synchronously on the generator's thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(ProgressTask task) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value)
        {
            if (value.Phase == "rows")
            {
                task.Value = value.Done;
            }
        }
    }
}
