namespace NeoGlobal.DataGen.Synthesis;

/// <summary>The batch pipeline's inputs for a run: layout, catalog and base-row source (hand-set pools or a model).</summary>
internal sealed record RowSetup(GeneratorOptions Options, BatchLayout Layout, Catalog Catalog, IRowSource Source)
{
    /// <summary>Hand-set pools when <c>o.Model</c> is null; else the model file (its period replaces Start/Months).</summary>
    public static RowSetup Create(GeneratorOptions o) =>
        o.Model is null ? HandSet(o) : FromModel(o, ModelFile.Load(o.Model));

    public static RowSetup HandSet(GeneratorOptions o)
    {
        var layout = new BatchLayout(o);
        var catalog = Catalog.Build(o.Seed, Catalog.PoolSizeFor(o.Rows));
        return new RowSetup(o, layout, catalog, new BatchGenerator(layout, catalog));
    }

    public static RowSetup FromModel(GeneratorOptions o, SynthesisModel model)
    {
        o = o with { Start = model.PeriodStart, Months = model.Months };
        var layout = new BatchLayout(o, ModelRowSource.MinBatchSpanTicks(model, o));
        var catalog = ModelRowSource.BuildCatalog(model, o.Seed, Catalog.PoolSizeFor(o.Rows));
        return new RowSetup(o, layout, catalog, new ModelRowSource(model, layout, catalog));
    }

    /// <summary>The clean base rows of the first <c>Options.Rows</c> rows, in memory (fidelity, tests): no anomalies, no files.</summary>
    public SampleTable Collect()
    {
        var o = Options;
        var t = new SampleTable(checked((int)o.Rows));
        var batch = new Batch((int)Math.Min(o.BatchSize, o.Rows));
        var at = 0;
        for (var index = 0; index < Layout.BatchCount; index++)
        {
            batch.Reset(index, Layout.FirstRow(index), Layout.RowCount(index));
            Source.FillClean(batch, new FastRng(o.Seed, 1, index));
            for (var j = 0; j < batch.Count; j++, at++)
            {
                var plan = Catalog.Plans[batch.Plan[j]];
                t.Id[at] = batch.Id[j];
                t.Object[at] = batch.IsInvoice[j] ? "invoice" : "charge";
                t.CustomerId[at] = Catalog.Customers[batch.Customer[j]].Id;
                t.PlanId[at] = plan.Id;
                t.ProductLine[at] = DuckDbSink.ProductLineName(plan.Line);
                t.Description[at] = plan.Description;
                t.AmountCents[at] = batch.AmountCents[j];
                t.CreatedUnix[at] = (batch.CreatedTicks[j] - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
                t.LagSeconds[at] = (batch.TranTicks[j] - batch.CreatedTicks[j]) / TimeSpan.TicksPerSecond;
                t.Reference[at] = batch.SoRef[j];
            }
        }

        return t;
    }
}
