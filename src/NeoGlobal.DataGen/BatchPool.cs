using System.Collections.Concurrent;

namespace NeoGlobal.DataGen;

/// <summary>
/// A fixed set of reusable batch buffers: the producer blocks until the writer returns one, so the
/// generator never holds more than <c>size</c> batches whatever <c>Rows</c> is.
/// </summary>
internal sealed class BatchPool : IDisposable
{
    private readonly BlockingCollection<Batch> _free = [];
    private readonly CancellationTokenSource _cancel = new();
    private readonly GeneratorDiagnostics _diagnostics;

    public BatchPool(int capacity, int size, GeneratorDiagnostics diagnostics)
    {
        _diagnostics = diagnostics;
        diagnostics.BuffersAllocated = size;
        diagnostics.BufferCapacity = capacity;
        for (var i = 0; i < size; i++)
        {
            _free.Add(new Batch(capacity));
        }
    }

    public Batch Take(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _cancel.Token);
        var batch = _free.Take(linked.Token);
        _diagnostics.Acquired();
        return batch;
    }

    public void Return(Batch batch)
    {
        _diagnostics.Released();
        _free.Add(batch);
    }

    /// <summary>Unblocks a producer waiting for a buffer (writer failed or finished).</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _free.Dispose();
        _cancel.Dispose();
    }
}
