using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>A price-list entry learned from the sample. <c>FixedPriceCents</c>: every sample row of the plan billed
/// that exact amount (a list price), so synthetic rows do too; null: the amount comes from the amount marginal.</summary>
internal sealed record PlanEntry(string PlanId, string ProductLine, string Description, long? FixedPriceCents);

/// <summary>The cross-side rules that keep reconciliation meaningful (what a clean matched pair looks like):
/// the ledger line carries the billing amount exactly (only such pairs are fitted); <c>PostSameUtcDay</c> is
/// learned (every sample pair posted on its billing day): then a clean line is clamped to that day, else to
/// under 24 hours and the same month, so clean lines never look like the timing-drift anomaly.</summary>
internal sealed record PairRules(bool LedgerEqualsBillingAmount, bool PostSameUtcDay, long SamplePairsExcluded);

/// <summary>
/// The fitted synthesizer, a small versioned JSON file (<see cref="ModelFile"/>). Columns of the copula are
/// <see cref="CopulaColumns"/> in that order (timestamp first); <c>Correlation</c> is their normal-score
/// correlation. <c>AmountByPlan</c>: the amount marginal of each variable-price plan with enough rows
/// (<c>Amount</c>, fitted on all variable-price rows, serves the others); the amount's copula score is its
/// rank within that group. <c>CustomerActivity</c>: evenly spaced quantiles, over rows, of the row's customer's
/// position x ∈ (0, 1) when customers are ranked by activity (the inverse Lorenz curve): sampling maps a uniform
/// draw through it to a position in the customer pool, so the pool is as concentrated as the sample. Money never goes through floating point on output: the amount marginal is fitted on cents
/// and every sampled value is rounded to whole cents and carried as an integer.
/// </summary>
internal sealed record SynthesisModel(
    int Version,
    string Generator,
    string Source,
    long SampleRows,
    DateOnly PeriodStart,
    int Months,
    string[] CopulaColumns,
    double[][] Correlation,
    MarginalModel Created,
    MarginalModel Amount,
    IReadOnlyDictionary<string, MarginalModel> AmountByPlan,
    MarginalModel PostingLag,
    CategoricalModel Object,
    CategoricalModel Plan,
    PlanEntry[] Plans,
    IReadOnlyDictionary<string, IdPattern> IdByObject,
    IdPattern CustomerId,
    double[] CustomerActivity,
    IdPattern Reference,
    PairRules Rules);

/// <summary>Reads and writes <see cref="SynthesisModel"/> (snake_case JSON, version checked on load).</summary>
internal static class ModelFile
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Save(SynthesisModel model, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(model, Json) + "\n");
    }

    public static SynthesisModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SynthesisException($"model file not found: {path}");
        }

        SynthesisModel? model;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != CurrentVersion)
            {
                var found = doc.RootElement.TryGetProperty("version", out var x) ? x.ToString() : "none";
                throw new SynthesisException($"model file {path} has version {found}; this ngdbt reads version {CurrentVersion} (refit with `neoglobal generate --fit`)");
            }

            model = doc.RootElement.Deserialize<SynthesisModel>(Json);
        }
        catch (JsonException e)
        {
            throw new SynthesisException($"model file {path} is not valid model JSON: {e.Message}", e);
        }

        if (model?.CopulaColumns is null || model.Created is null || model.Amount is null || model.AmountByPlan is null || model.PostingLag is null
            || model.Object is null || model.Plan is null || model.IdByObject is null || model.CustomerId is null || model.CustomerActivity is not { Length: >= 2 } || model.Reference is null
            || model.Rules is null || model.Correlation is null || model.Plans is null || model.Plans.Length == 0
            || !model.CopulaColumns.SequenceEqual(ColumnNames.Copula)
            || model.Correlation.Length != model.CopulaColumns.Length || model.Correlation.Any(r => r is null || r.Length != model.CopulaColumns.Length))
        {
            throw new SynthesisException($"model file {path} is incomplete: it needs copula_columns [{string.Join(", ", ColumnNames.Copula)}], a matching correlation matrix and a plan list");
        }

        return model;
    }
}
