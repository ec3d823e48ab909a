using System.Globalization;
using Spectre.Console;

namespace NeoGlobal.Pipeline;

/// <summary>The NeoGlobal job end to end, in-process on the `neoglobal` host: `generate` (the synthetic data), `build`
/// (seeds, models, tests), then print Total Leakage and the anomaly counts, and score the reconciliation against the generator's ground truth.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var options = PipelineOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: NeoGlobal.Pipeline [--rows N] [--seed N] [--project-dir DIR] [--threads N] [--skip-generate] [--model FILE] [--shapes-scale X] [--case-study docs/case-study.md]");
            return 2;
        }

        var root = Path.GetFullPath(options.ProjectDir);
        var common = new List<string> { "--project-dir", root };
        if (options.Threads is { } t)
        {
            common.AddRange(["--threads", t.ToString(CultureInfo.InvariantCulture)]);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? generateTime = null;
        if (!options.SkipGenerate)
        {
            var generate = Cli.Program.App().Run(["generate", "--rows", options.Rows.ToString(CultureInfo.InvariantCulture), "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
                .. options.Model is null ? Array.Empty<string>() : ["--model", Path.GetFullPath(options.Model)],
                .. options.ShapesScale is null ? Array.Empty<string>() : ["--shapes-scale", options.ShapesScale.Value.ToString(CultureInfo.InvariantCulture)], .. common]);
            if (generate != 0)
            {
                return generate;
            }

            generateTime = clock.Elapsed;
        }

        clock.Restart();
        var build = Cli.Program.App().Run(["build", .. common]);
        var buildTime = clock.Elapsed;
        var warehouse = Environment.GetEnvironmentVariable("NEOGLOBAL_WAREHOUSE") is { Length: > 0 } w ? Path.GetFullPath(w, root) : Path.Combine(root, "warehouse", "neoglobal.duckdb");
        if (!File.Exists(warehouse) || build != 0)
        {
            // A failed build has already said why, with positions; a report over a partial warehouse would mislead.
            Console.Error.WriteLine("The build did not succeed: no leakage report (see the errors above).");
            return build == 0 ? 1 : build;
        }

        Report.PrintLeakage(warehouse);
        var truth = Path.Combine(root, "data", "ground_truth");
        if (File.Exists(Path.Combine(truth, "anomalies.csv")))
        {
            var evaluation = GroundTruthEvaluator.Evaluate(warehouse, truth);
            Report.PrintEvaluation(evaluation);
            if (options.CaseStudy is { } caseStudy)
            {
                CaseStudy.Update(Path.GetFullPath(caseStudy, root), warehouse, evaluation, options, generateTime, buildTime);
                AnsiConsole.MarkupLine($"Updated the numbers section of {Markup.Escape(caseStudy)}");
            }

            if (!evaluation.Perfect)
            {
                return 1;
            }
        }

        return build;
    }
}

internal sealed record PipelineOptions(long Rows, int Seed, string ProjectDir, int? Threads, bool SkipGenerate, string? CaseStudy = null, string? Model = null, decimal? ShapesScale = null)
{
    public static PipelineOptions? Parse(string[] args)
    {
        var o = new PipelineOptions(1_500_000, 42, ".", null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException(args[i]);
            try
            {
                o = args[i] switch
                {
                    "--rows" => o with { Rows = long.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--project-dir" => o with { ProjectDir = Next() },
                    "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--skip-generate" => o with { SkipGenerate = true },
                    "--model" => o with { Model = Next() },
                    "--shapes-scale" => o with { ShapesScale = decimal.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--case-study" => o with { CaseStudy = Next() },
                    _ => throw new FormatException(args[i]),
                };
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return o;
    }
}
