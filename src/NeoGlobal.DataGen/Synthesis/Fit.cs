using System.Diagnostics;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>Options of <see cref="Synthesizer.Fit"/>. <c>FidelityDir</c>: where fidelity.md/.json go (null: no report).</summary>
public sealed record FitOptions(string Sample, string ModelPath, string? FidelityDir = null, int FidelityRows = 100_000, int Seed = 42);

/// <summary>What a fit did: pairs used and excluded, the chosen marginal per numeric column, timings.</summary>
public sealed record FitReport(long SampleRows, long ExcludedPairs, string ModelPath, string? FidelityPath,
    IReadOnlyDictionary<string, string> Families, TimeSpan FitTime, TimeSpan Elapsed);

/// <summary>`neoglobal generate --fit`: learns a <see cref="SynthesisModel"/> from a sample of matched pairs.</summary>
public static class Synthesizer
{
    public static FitReport Fit(FitOptions o)
    {
        var clock = Stopwatch.StartNew();
        var (sample, excluded) = SampleReader.Read(o.Sample);
        var model = FitTable(sample, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(o.Sample))), excluded);
        ModelFile.Save(model, o.ModelPath);
        var fitTime = clock.Elapsed;
        string? fidelity = null;
        if (o.FidelityDir is not null)
        {
            fidelity = FidelityReport.Write(FidelityReport.Compute(sample, model, o.FidelityRows, o.Seed), o.FidelityDir);
        }

        var families = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ColumnNames.Created] = model.Created.Family,
            [ColumnNames.Amount] = model.Amount.Family,
            [ColumnNames.PostingLag] = model.PostingLag.Family,
        };
        return new FitReport(sample.Count, excluded, o.ModelPath, fidelity, families, fitTime, clock.Elapsed);
    }

    /// <summary>`--seed-sample`: <paramref name="pairs"/> perfect matched pairs from the hand-set generator (no anomalies, no events).</summary>
    public static GenerationReport WriteSeedSample(string outputDir, int pairs = 100, int seed = 42) =>
        NeoGlobalGenerator.Run(new GeneratorOptions(outputDir, pairs, seed, Rates: AnomalyRates.None, Events: 0));

    internal static SynthesisModel FitTable(SampleTable t, string source, long excluded)
    {
        var unknownObject = t.Object.FirstOrDefault(v => v is not ("charge" or "invoice"));
        if (unknownObject is not null)
        {
            throw new SynthesisException($"sample column object has value '{unknownObject}'; the contract knows charge and invoice");
        }

        var unknownLine = t.ProductLine.FirstOrDefault(v => v is not ("subscription" or "usage" or "services"));
        if (unknownLine is not null)
        {
            throw new SynthesisException($"sample column product_line has value '{unknownLine}'; the contract knows subscription, usage and services");
        }

        var minCreated = DateTimeOffset.FromUnixTimeSeconds(t.CreatedUnix.Min()).UtcDateTime;
        var maxCreated = DateTimeOffset.FromUnixTimeSeconds(t.CreatedUnix.Max()).UtcDateTime;
        var start = new DateOnly(minCreated.Year, minCreated.Month, 1);
        var months = (maxCreated.Year - start.Year) * 12 + maxCreated.Month - start.Month + 1;
        var startUnix = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var endUnix = new DateTimeOffset(start.AddMonths(months).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() - 1;

        var plans = Enumerable.Range(0, t.Count).GroupBy(i => t.PlanId[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlanEntry(g.Key, Mode(g.Select(i => t.ProductLine[i])), Mode(g.Select(i => t.Description[i])),
                g.Count() >= 2 && g.Select(i => t.AmountCents[i]).Distinct().Count() == 1 ? t.AmountCents[g.First()] : null))
            .ToArray();
        var fixedPlans = plans.Where(p => p.FixedPriceCents is not null).Select(p => p.PlanId).ToHashSet(StringComparer.Ordinal);
        var variable = Enumerable.Range(0, t.Count).Where(i => !fixedPlans.Contains(t.PlanId[i])).ToArray();
        var amountRows = variable.Length >= 2 ? variable : Enumerable.Range(0, t.Count).ToArray();

        var created = t.Numeric(ColumnNames.Created);
        var lag = t.Numeric(ColumnNames.PostingLag);
        var amount = amountRows.Select(i => (double)t.AmountCents[i]).ToArray();
        var objectModel = CategoricalModel.Fit(t.Object);
        var planModel = CategoricalModel.Fit(t.PlanId);

        var jitter = new FastRng(0, 77, 0);
        var amountScores = Enumerable.Repeat(double.NaN, t.Count).ToArray();
        var byPlan = new Dictionary<string, MarginalModel>(StringComparer.Ordinal);
        var pooled = new List<int>();
        foreach (var group in amountRows.GroupBy(i => t.PlanId[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            if (rows.Length >= MinRowsPerPlanMarginal && variable.Length >= 2)
            {
                var cents = rows.Select(i => (double)t.AmountCents[i]).ToArray();
                byPlan[group.Key] = MarginalFitter.Fit(cents, 1);
                Scatter(amountScores, rows, Copula.RankScores(cents));
            }
            else
            {
                pooled.AddRange(rows);
            }
        }

        if (pooled.Count > 0)
        {
            Scatter(amountScores, [.. pooled], Copula.RankScores(pooled.Select(i => (double)t.AmountCents[i]).ToArray()));
        }

        var scores = new[]
        {
            Copula.RankScores(created), Copula.CategoricalScores(t.Object, objectModel, jitter),
            Copula.CategoricalScores(t.PlanId, planModel, jitter), amountScores, Copula.RankScores(lag),
        };

        var idByObject = objectModel.Values.ToDictionary(v => v,
            v => IdPattern.Learn(Enumerable.Range(0, t.Count).Where(i => t.Object[i] == v).Select(i => t.Id[i]).ToArray(), $"{v} id"), StringComparer.Ordinal);
        var refs = t.Reference.Where(r => r.Length > 0).ToArray();
        var sameDay = SameDay(t);
        var censored = KaplanMeier.CensoredAtDayEnd(t);
        return new SynthesisModel(
            ModelFile.CurrentVersion, "ngdbt gaussian-copula", source, t.Count, start, months, ColumnNames.Copula,
            Copula.Correlation(scores),
            MarginalFitter.Fit(created, startUnix, endUnix),
            MarginalFitter.Fit(amount, 1), byPlan,
            sameDay && censored.Any(c => c) ? KaplanMeier.Fit(lag, censored) : MarginalFitter.Fit(lag, 0),
            objectModel, planModel, plans, idByObject,
            IdPattern.Learn(t.CustomerId, "customer_id"),
            ActivityQuantiles(t),
            refs.Length > 0 ? IdPattern.Learn(refs, "metadata_external_id", sequence: true) : new IdPattern("SO-", 10, "0123456789", true),
            new PairRules(LedgerEqualsBillingAmount: true, PostSameUtcDay: sameDay, SamplePairsExcluded: excluded));
    }

    /// <summary>Variable-price plans with at least this many sample rows get their own amount marginal.</summary>
    public const int MinRowsPerPlanMarginal = 30;

    /// <summary>Quantiles (101 points) of each row's customer position (rank by activity + ½) / customers.</summary>
    internal static double[] ActivityQuantiles(SampleTable t)
    {
        var x = CustomerPositions(t.CustomerId);
        Array.Sort(x);
        return Enumerable.Range(0, 101).Select(k => Math.Round(MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(x, k / 100.0), 6)).ToArray();
    }

    /// <summary>Per row, its customer's position in (0, 1): customers ranked by row count (most active first), customer r
    /// owning [r, r + 1) / customers and its rows spread evenly inside it (so the density of positions is each
    /// customer's share, with no artificial steps between customers).</summary>
    internal static double[] CustomerPositions(string[] customers)
    {
        var groups = customers.Select((c, i) => (c, i)).GroupBy(p => p.c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var x = new double[customers.Length];
        for (var r = 0; r < groups.Length; r++)
        {
            var rows = groups[r].ToArray();
            for (var j = 0; j < rows.Length; j++)
            {
                x[rows[j].i] = (r + (j + 0.5) / rows.Length) / groups.Length;
            }
        }

        return x;
    }

    private static bool SameDay(SampleTable t) =>
        Enumerable.Range(0, t.Count).All(i => t.LagSeconds[i] >= 0 && (t.CreatedUnix[i] + t.LagSeconds[i]) / 86_400 == t.CreatedUnix[i] / 86_400);

    private static void Scatter(double[] target, int[] rows, double[] values)
    {
        for (var k = 0; k < rows.Length; k++)
        {
            target[rows[k]] = values[k];
        }
    }

    private static string Mode(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
}
