namespace NeoGlobal.DataGen;

/// <summary>
/// Builds one complete batch: clean rows, anomalies, fuzzy-match guard, internal ids + ground truth,
/// events. Each step has its own RNG stream seeded by (Seed, step, batch index), so a batch depends
/// only on the seed and its index.
/// </summary>
internal sealed class BatchProducer
{
    private readonly BatchLayout _layout;
    private readonly IRowSource _generator;
    private readonly AnomalyInjector _injector;
    private readonly FuzzyGuard _guard;
    private readonly BatchFinalizer _finalizer;
    private readonly EventBuilder _events;

    public BatchProducer(BatchLayout layout, Catalog catalog, IRowSource source)
    {
        _layout = layout;
        _generator = source;
        _injector = new AnomalyInjector(layout, catalog, _generator);
        _guard = new FuzzyGuard(layout, catalog);
        _finalizer = new BatchFinalizer(layout);
        _events = new EventBuilder(layout);
    }

    public void Produce(Batch batch, int index)
    {
        batch.Reset(index, _layout.FirstRow(index), _layout.RowCount(index));
        var seed = _layout.Options.Seed;
        _generator.FillClean(batch, new FastRng(seed, 1, index));
        _injector.Inject(batch, new FastRng(seed, 2, index), new FastRng(seed, 5, index));
        _guard.Apply(batch, new FastRng(seed, 3, index));
        _finalizer.Finalize(batch);
        _events.Build(batch, new FastRng(seed, 4, index));
    }
}
