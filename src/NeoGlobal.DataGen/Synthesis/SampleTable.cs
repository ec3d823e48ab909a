namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Matched billing/ledger pairs in column form, the unit the synthesizer fits and the fidelity report
/// compares. Money is integer cents, times are Unix seconds, the posting lag is whole seconds.
/// </summary>
internal sealed class SampleTable
{
    public SampleTable(int count)
    {
        Count = count;
        Id = new string[count];
        Object = new string[count];
        CustomerId = new string[count];
        PlanId = new string[count];
        ProductLine = new string[count];
        Description = new string[count];
        AmountCents = new long[count];
        CreatedUnix = new long[count];
        LagSeconds = new long[count];
        Reference = new string[count];
    }

    public int Count { get; }
    public string[] Id { get; }
    public string[] Object { get; }
    public string[] CustomerId { get; }
    public string[] PlanId { get; }
    public string[] ProductLine { get; }
    public string[] Description { get; }
    public long[] AmountCents { get; }
    public long[] CreatedUnix { get; }
    public long[] LagSeconds { get; }
    public string[] Reference { get; }

    /// <summary>Rows whose index satisfies <paramref name="keep"/> (e.g. a fit / held-back split).</summary>
    public SampleTable Where(Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, Count).Where(keep).ToArray();
        var t = new SampleTable(rows.Length);
        for (var k = 0; k < rows.Length; k++)
        {
            var i = rows[k];
            t.Id[k] = Id[i];
            t.Object[k] = Object[i];
            t.CustomerId[k] = CustomerId[i];
            t.PlanId[k] = PlanId[i];
            t.ProductLine[k] = ProductLine[i];
            t.Description[k] = Description[i];
            t.AmountCents[k] = AmountCents[i];
            t.CreatedUnix[k] = CreatedUnix[i];
            t.LagSeconds[k] = LagSeconds[i];
            t.Reference[k] = Reference[i];
        }

        return t;
    }

    /// <summary>The numeric columns by model name (doubles only for fitting and statistics, never for money output).</summary>
    public double[] Numeric(string column) => column switch
    {
        ColumnNames.Created => CreatedUnix.Select(x => (double)x).ToArray(),
        ColumnNames.Amount => AmountCents.Select(x => (double)x).ToArray(),
        ColumnNames.PostingLag => LagSeconds.Select(x => (double)x).ToArray(),
        _ => throw new SynthesisException($"unknown numeric column '{column}'"),
    };

    public string[] Categorical(string column) => column switch
    {
        ColumnNames.Object => Object,
        ColumnNames.Plan => PlanId,
        ColumnNames.ProductLine => ProductLine,
        _ => throw new SynthesisException($"unknown categorical column '{column}'"),
    };
}

/// <summary>Column names of the model and the fidelity report.</summary>
internal static class ColumnNames
{
    public const string Created = "created";
    public const string Object = "object";
    public const string Plan = "plan_id";
    public const string ProductLine = "product_line";
    public const string Amount = "amount_cents";
    public const string PostingLag = "posting_lag_seconds";

    /// <summary>Copula order: the timestamp first, so the row position can drive it (see ModelRowSource).</summary>
    public static readonly string[] Copula = [Created, Object, Plan, Amount, PostingLag];
    public static readonly string[] NumericColumns = [Created, Amount, PostingLag];
    public static readonly string[] CategoricalColumns = [Object, Plan, ProductLine];
}
