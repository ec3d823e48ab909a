using System.CommandLine;
using System.Globalization;
using NeoGlobal.DataGen.Synthesis;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;

namespace NeoGlobal.Cli;

/// <summary>`neoglobal generate --seed-sample` / `--fit SAMPLE --model FILE` / `--model FILE`: data learned from a sample.</summary>
internal static partial class GenerateCommand
{
    private static Option<string?> Fit => new("--fit") { HelpName = "SAMPLE", Description = "Fit a synthesizer to SAMPLE (a generator-layout folder, STRIPE,NETSUITE files, or a joined Parquet/CSV of matched pairs); writes --model and fidelity.md/.json into --out" };
    private static Option<string?> Model => new("--model") { HelpName = "FILE", Description = "Model file: written by --fit, else sampled from instead of the hand-set pools" };
    private static Option<bool> SeedSample => new("--seed-sample") { Description = "Write 100 perfect matched pairs (no anomalies) into --out, a sample to --fit" };

    /// <summary>Handles --seed-sample and --fit (returns the exit code); null when it is a plain generate run.</summary>
    private static int? RunSynthesis(ParseResult parse, ConsoleOutput output, string root, string outDir)
    {
        var fit = parse.Value(Fit);
        var model = parse.Value(Model);
        try
        {
            if (parse.Value(SeedSample))
            {
                var sample = Synthesizer.WriteSeedSample(outDir, seed: parse.Value(Seed));
                output.Line($"Wrote a seed sample of {sample.StripeRows:N0} perfect matched pairs to {Path.GetRelativePath(root, outDir)}", "green");
                return CliVerbs.ExitOk;
            }

            if (fit is null)
            {
                return null;
            }

            if (model is null)
            {
                output.Line($"error {DiagnosticCodes.UsageError}: --fit needs --model FILE (where the fitted model is written)", "red");
                return CliVerbs.ExitUsage;
            }

            var r = Synthesizer.Fit(new FitOptions(Path.Combine(root, fit), Path.Combine(root, model), outDir, Seed: parse.Value(Seed)));
            output.Line(string.Create(CultureInfo.InvariantCulture, $"Fitted {Path.GetRelativePath(root, r.ModelPath)} to {r.SampleRows:N0} matched pairs ({r.ExcludedPairs:N0} imperfect pairs left out) in {r.FitTime.TotalSeconds:0.00}s"), "green");
            output.Line("  marginals: " + string.Join(", ", r.Families.Select(kv => $"{kv.Key} {kv.Value}")));
            output.Line($"  fidelity: {Path.GetRelativePath(root, r.FidelityPath!)}");
            return CliVerbs.ExitOk;
        }
        catch (Exception e) when (e is ArgumentException or SynthesisException)
        {
            output.Line($"error {DiagnosticCodes.UsageError}: {e.Message}", "red");
            return CliVerbs.ExitUsage;
        }
    }
}
