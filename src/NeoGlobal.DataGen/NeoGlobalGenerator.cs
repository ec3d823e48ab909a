using System.Diagnostics;

namespace NeoGlobal.DataGen;

/// <summary>Entry point: generates Stripe + NetSuite raw data, webhook events and the ground truth.</summary>
public static class NeoGlobalGenerator
{
    public static GenerationReport Run(GeneratorOptions o, IProgress<GenerationProgress>? progress = null, CancellationToken ct = default) =>
        GeneratorEngine.Run(o, progress, ct, new GeneratorDiagnostics());
}

/// <summary>Observable internals for tests: how many batch buffers existed and were live at once.</summary>
internal sealed class GeneratorDiagnostics
{
    private int _inFlight;

    public int BuffersAllocated { get; set; }
    public int MaxBatchesInFlight { get; private set; }
    public int BufferCapacity { get; set; }

    public void Acquired()
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (this)
        {
            MaxBatchesInFlight = Math.Max(MaxBatchesInFlight, now);
        }
    }

    public void Released() => Interlocked.Decrement(ref _inFlight);
}

internal static class GeneratorEngine
{
    public static GenerationReport Run(GeneratorOptions o, IProgress<GenerationProgress>? progress, CancellationToken ct, GeneratorDiagnostics diagnostics)
    {
        Validate(o);
        var clock = Stopwatch.StartNew();
        // A model file is read (and rejected with a clear message) before anything is deleted or written.
        var model = o.Model is null ? null : Synthesis.ModelFile.Load(o.Model);
        var output = new OutputLayout(o.OutputDir);
        output.Prepare();

        progress?.Report(new GenerationProgress("customers", 0, 1));
        var setup = model is null ? Synthesis.RowSetup.HandSet(o) : Synthesis.RowSetup.FromModel(o, model);
        (o, var layout, var catalog) = (setup.Options, setup.Layout, setup.Catalog);
        progress?.Report(new GenerationProgress("customers", 1, 1));

        using var pool = new BatchPool((int)Math.Min(o.BatchSize, o.Rows), 2, diagnostics);
        using var stripe = new StripeSink(output.StripeCharges, o.Csv);
        using var erp = new ErpSink(output.NetsuiteTransactions, o.Csv);
        using var truth = new GroundTruthWriter(output.AnomaliesCsv);
        var producer = new BatchProducer(layout, catalog, setup.Source);

        using var ready = new System.Collections.Concurrent.BlockingCollection<Batch>();
        Exception? producerError = null;
        var producerThread = new Thread(() =>
        {
            try
            {
                for (var index = 0; index < layout.BatchCount; index++)
                {
                    var batch = pool.Take(ct);
                    producer.Produce(batch, index);
                    ready.Add(batch, ct);
                }
            }
            catch (Exception e)
            {
                producerError = e;
            }
            finally
            {
                ready.CompleteAdding();
            }
        }) { IsBackground = true, Name = "ngdbt-datagen-producer" };
        producerThread.Start();

        try
        {
            foreach (var batch in ready.GetConsumingEnumerable(ct))
            {
                Parallel.Invoke(() => stripe.Write(batch, catalog), () => erp.Write(batch, catalog));
                if (batch.Events.Length > 0)
                {
                    File.WriteAllText(output.EventFile(batch.Index), batch.Events.ToString());
                }

                truth.Add(batch);
                pool.Return(batch);
                progress?.Report(new GenerationProgress("rows", truth.StripeRows, o.Rows));
            }
        }
        finally
        {
            pool.Cancel();
            producerThread.Join();
        }

        if (producerError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(producerError).Throw();
        }

        ct.ThrowIfCancellationRequested();
        progress?.Report(new GenerationProgress("finalize", 0, 1));
        truth.Dispose();
        truth.WriteSummary(output.SummaryJson, o, layout);
        progress?.Report(new GenerationProgress("finalize", 1, 1));
        return new GenerationReport(truth.StripeRows, truth.NetsuiteRows, truth.EventRows, truth.Counts(),
            truth.ExpectedTotalLeakage, clock.Elapsed, output.AnomaliesCsv);
    }

    private static void Validate(GeneratorOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Rows, 1, nameof(o.Rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.BatchSize, 1, nameof(o.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Months, 1, nameof(o.Months));
        ArgumentOutOfRangeException.ThrowIfNegative(o.Events, nameof(o.Events));
        ArgumentException.ThrowIfNullOrWhiteSpace(o.OutputDir, nameof(o.OutputDir));
        var r = o.Rates ?? new AnomalyRates();
        var rates = AnomalyNames.All.Select(k => AnomalyNames.Rate(r, k)).ToArray();
        // A consolidated group takes up to three rows.
        if (rates.Any(x => x < 0m || x > 1m) || rates.Sum() - r.OrphanInErp + 2m * r.ConsolidatedPosting > 1m)
        {
            throw new ArgumentException("Anomaly rates must be in [0, 1] and the per-row rates must add up to at most 1.", nameof(o));
        }
    }
}
