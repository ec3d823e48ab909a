using System.Buffers;
using System.Text.Json;

namespace Ngdbt.Artifacts;

/// <summary>Writes the entries of a large JSON object (manifest.json's `nodes`) with their values serialized in
/// parallel: each worker writes a run of values into its own buffer, and the entries are then copied into the output
/// in order, so the file is byte for byte what one writer would have written. Work goes in bounded batches (the
/// next one serialized while the last is copied out), so at most a few megabytes are buffered whatever the project's size.</summary>
internal static class ParallelJson
{
    /// <summary>Values per buffer: 32 values of ~2 KB (a manifest node) fit its first 64 KB, below the large-object
    /// threshold (85,000 bytes), so the buffers cost no full collection.</summary>
    internal const int Chunk = 32;

    public static void WriteEntries<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Func<T, string> key, Action<Utf8JsonWriter, T> writeValue, JsonWriterOptions options)
    {
        var chunks = (items.Count + Chunk - 1) / Chunk;
        var batch = Math.Max(1, Environment.ProcessorCount * 4);
        // Two sets of buffers, one per chunk of a batch, reused by every other batch (no large-object garbage per
        // chunk): while one batch is copied into the output (and so to the file), the next one is serialized.
        var sets = Enumerable.Range(0, chunks > batch ? 2 : 1)
            .Select(_ => Enumerable.Range(0, Math.Min(batch, chunks)).Select(_ => new ArrayBufferWriter<byte>(Chunk * 2048)).ToArray())
            .ToArray();
        (ArrayBufferWriter<byte> Buffer, int[] Ends)[] Serialize(int first) => SerializeBatch(items, first, Math.Min(batch, chunks - first), sets[first / batch % sets.Length], writeValue, options);
        var pending = chunks == 0 ? null : Task.Run(() => Serialize(0));
        for (var first = 0; first < chunks; first += batch)
        {
            var results = pending!.GetAwaiter().GetResult();
            var next = first + batch;
            pending = next < chunks ? Task.Run(() => Serialize(next)) : null;
            for (var c = 0; c < results.Length; c++)
            {
                var (buffer, ends) = results[c];
                var offset = 0;
                for (var j = 0; j < ends.Length; j++)
                {
                    w.WritePropertyName(key(items[((first + c) * Chunk) + j]));
                    w.WriteRawValue(buffer.WrittenSpan[offset..ends[j]], skipInputValidation: true);
                    w.FlushWhenFull();
                    offset = ends[j];
                }
            }
        }
    }

    /// <summary>Serializes the chunks of one batch in parallel, each into its own buffer of <paramref name="buffers"/>,
    /// with where each value ends.</summary>
    private static (ArrayBufferWriter<byte> Buffer, int[] Ends)[] SerializeBatch<T>(IReadOnlyList<T> items, int first, int count, ArrayBufferWriter<byte>[] buffers, Action<Utf8JsonWriter, T> writeValue, JsonWriterOptions options)
    {
        var results = new (ArrayBufferWriter<byte> Buffer, int[] Ends)[count];
        Parallel.For(0, count, c =>
        {
            var from = (first + c) * Chunk;
            var to = Math.Min(items.Count, from + Chunk);
            var buffer = buffers[c];
            buffer.ResetWrittenCount();
            var ends = new int[to - from];
            using var writer = new Utf8JsonWriter(buffer, options);
            for (var i = from; i < to; i++)
            {
                writeValue(writer, items[i]);
                writer.Flush();
                ends[i - from] = buffer.WrittenCount;
                writer.Reset();
            }

            results[c] = (buffer, ends);
        });
        return results;
    }
}
