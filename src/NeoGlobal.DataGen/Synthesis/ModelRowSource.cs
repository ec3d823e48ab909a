using MathNet.Numerics.Distributions;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Base rows sampled from a fitted <see cref="SynthesisModel"/>. Per row, correlated normal scores z = L·e
/// (L: Cholesky factor of the model's correlation). The timestamp is the copula's first column, so its
/// score is set from the row position, e₀ = Φ⁻¹((row + U) / Rows): created times rise with the row number
/// (batches stay contiguous in time, as partitioning and the fuzzy guard need) and follow the fitted
/// marginal (seasonality) exactly, while the other columns are drawn conditionally on it. Then each score
/// goes through its marginal: categories by frequency interval, amounts rounded to whole cents (integer
/// from there on; fixed-price plans bill their list price), the posting lag to whole seconds, clamped so a
/// clean ledger line posts on its billing day with the billing amount exactly (the model's pair rules).
/// </summary>
internal sealed class ModelRowSource : IRowSource
{
    private readonly SynthesisModel _model;
    private readonly BatchLayout _layout;
    private readonly Catalog _catalog;
    private readonly double[][] _cholesky;
    private readonly double[] _created, _lag, _objectCum, _planCum;
    private readonly double[][] _amountByPlan;
    private readonly short[] _planIndex;
    private readonly IdPattern _charge, _invoice;
    private readonly long _startTicks, _endTicks;
    private readonly double _customerOffset;

    public ModelRowSource(SynthesisModel model, BatchLayout layout, Catalog catalog)
    {
        _model = model;
        _layout = layout;
        _catalog = catalog;
        _cholesky = Copula.Cholesky(model.Correlation);
        _created = Marginals.Table(model.Created);
        var pooled = Marginals.Table(model.Amount);
        _amountByPlan = model.Plans.Select(p => model.AmountByPlan.TryGetValue(p.PlanId, out var m) ? Marginals.Table(m) : pooled).ToArray();
        _lag = Marginals.Table(model.PostingLag);
        _objectCum = model.Object.Cumulative();
        _planCum = model.Plan.Cumulative();
        var planIds = model.Plans.Select(p => p.PlanId).ToList();
        _planIndex = model.Plan.Values.Select(v => planIds.IndexOf(v) is var k and >= 0 ? (short)k
            : throw new SynthesisException($"model plan_id '{v}' is not in its plan list")).ToArray();
        var fallback = model.IdByObject.Values.FirstOrDefault() ?? throw new SynthesisException("model has no id pattern");
        _charge = model.IdByObject.GetValueOrDefault("charge") ?? fallback;
        _invoice = model.IdByObject.GetValueOrDefault("invoice") ?? fallback;
        _startTicks = layout.Start.Ticks;
        _endTicks = layout.End.Ticks - TimeSpan.TicksPerSecond;
        _customerOffset = new FastRng(layout.Options.Seed, 902, 0).NextDouble();
    }

    /// <summary>The hand-set pools' customers (Bogus names and e-mails; identities are not learned, their activity
    /// concentration is) with ids in the model's pattern, and the model's plans.</summary>
    public static Catalog BuildCatalog(SynthesisModel model, int seed, int customerCount)
    {
        var pool = Catalog.Build(seed, customerCount);
        var rng = new FastRng(seed, 901, 0);
        var customers = pool.Customers.Select((c, i) => c with { Id = model.CustomerId.Make(seed, IdCodec.StreamCustomer, i, rng), SubscriptionPlan = 0 }).ToArray();
        var plans = model.Plans.Select(p => new Plan(p.PlanId, Line(p.ProductLine), p.FixedPriceCents ?? 0, p.Description)).ToArray();
        return new Catalog { Plans = plans, Customers = customers, FirstUsagePlan = 0, FirstServicesPlan = 0, PlanFollowsCustomer = false };
    }

    /// <summary>Shortest batch time span under the fitted timestamp marginal (for the fuzzy guard's customer classes).</summary>
    public static long MinBatchSpanTicks(SynthesisModel model, GeneratorOptions o)
    {
        var table = Marginals.Table(model.Created);
        var batches = (o.Rows + o.BatchSize - 1) / o.BatchSize;
        var min = double.MaxValue;
        for (long k = 0; k < batches; k++)
        {
            var from = Marginals.Interpolate(table, (double)(k * o.BatchSize) / o.Rows);
            var to = Marginals.Interpolate(table, Math.Min(1.0, (double)((k + 1) * o.BatchSize) / o.Rows));
            min = Math.Min(min, to - from);
        }

        return Math.Max(1, (long)(min * TimeSpan.TicksPerSecond));
    }

    public void FillClean(Batch b, FastRng rng)
    {
        var seed = _layout.Options.Seed;
        var rows = (double)_layout.Options.Rows;
        var customers = _catalog.Customers.Count;
        Span<double> e = stackalloc double[5];
        Span<double> u = stackalloc double[5];
        for (var j = 0; j < b.Count; j++)
        {
            var row = b.FirstRow + j;
            u[0] = (row + rng.NextDouble()) / rows;
            e[0] = Normal.InvCDF(0, 1, u[0]);
            for (var k = 1; k < 5; k++)
            {
                e[k] = Normal.InvCDF(0, 1, rng.NextDouble());
                var z = 0.0;
                for (var m = 0; m <= k; m++)
                {
                    z += _cholesky[k][m] * e[m];
                }

                u[k] = Normal.CDF(0, 1, z);
            }

            var created = BatchGenerator.TruncSeconds(Math.Clamp(UnixTicks(Marginals.Interpolate(_created, u[0])), _startTicks, _endTicks));
            var isInvoice = _model.Object.Values[CategoricalModel.Decode(_objectCum, u[1])] == "invoice";
            var plan = _planIndex[CategoricalModel.Decode(_planCum, u[2])];
            var customer = Customer(row, customers);
            b.Customer[j] = customer;
            b.IsInvoice[j] = isInvoice;
            b.CreatedTicks[j] = created;
            b.Plan[j] = plan;
            b.AmountCents[j] = Cents(plan, u[3]);
            b.Id[j] = (isInvoice ? _invoice : _charge).Make(seed, IdCodec.StreamStripe, row, rng);
            b.SoRef[j] = _model.Reference.Make(seed, 0, row, rng);

            var lagSeconds = Math.Max(0, (long)Math.Round(Marginals.Interpolate(_lag, u[4]), MidpointRounding.AwayFromZero));
            b.LedgerCents[j] = b.AmountCents[j];
            b.TranTicks[j] = Post(created, lagSeconds);
            b.ErpCustomer[j] = customer;
            b.ErpExternalId[j] = b.Id[j];
            b.ErpRef[j] = b.SoRef[j];
        }
    }

    /// <summary>
    /// The customer of a row: a low-discrepancy point (Weyl sequence, golden ratio, offset by the seed) through the
    /// inverse Lorenz curve, scaled to the pool. Random draws would add their own Poisson noise to the
    /// per-customer counts and so skew the concentration further on every fit-and-sample cycle; the Weyl
    /// sequence gives each pool customer its expected share, evenly over time.
    /// </summary>
    private int Customer(long row, int customers)
    {
        var u = (row * 0.6180339887498949 + _customerOffset) % 1.0;
        return Math.Min(customers - 1, (int)(Marginals.Interpolate(_model.CustomerActivity, u) * customers));
    }

    public (short Plan, long Cents) DrawProduct(int customer, FastRng rng)
    {
        var plan = _planIndex[CategoricalModel.Decode(_planCum, rng.NextDouble())];
        return (plan, Cents(plan, rng.NextDouble()));
    }

    public string MakeId(bool isInvoice, int stream, long index, FastRng rng) =>
        (isInvoice ? _invoice : _charge).Make(_layout.Options.Seed, stream, index, rng);

    /// <summary>List price, or the amount marginal at u rounded half away from zero to whole cents (at least 1).</summary>
    private long Cents(short plan, double u) =>
        _model.Plans[plan].FixedPriceCents ?? Math.Max(1, (long)Math.Round(Marginals.Interpolate(_amountByPlan[plan], u), MidpointRounding.AwayFromZero));

    /// <summary>Posting time of a clean line (pair rules): the same UTC day when the sample always did so, else under
    /// 24 hours later and inside the billing month.</summary>
    private long Post(long created, long lagSeconds)
    {
        if (_model.Rules.PostSameUtcDay)
        {
            return BatchGenerator.SameDayLag(created, lagSeconds * TimeSpan.TicksPerSecond);
        }

        var d = new DateTime(created, DateTimeKind.Utc);
        var monthEnd = new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).Ticks - TimeSpan.TicksPerSecond;
        return Math.Min(created + Math.Min(lagSeconds, 86_399) * TimeSpan.TicksPerSecond, monthEnd);
    }

    private static long UnixTicks(double unixSeconds) => DateTime.UnixEpoch.Ticks + (long)(unixSeconds * TimeSpan.TicksPerSecond);

    private static ProductLine Line(string line) => line switch
    {
        "subscription" => ProductLine.Subscription,
        "usage" => ProductLine.Usage,
        "services" => ProductLine.Services,
        _ => throw new SynthesisException($"model plan has unknown product_line '{line}'"),
    };
}
