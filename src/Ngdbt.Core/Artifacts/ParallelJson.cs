using System.Buffers;
using System.Text.Json;

namespace Ngdbt.Artifacts;

/// <summary>Writes the entries of a large JSON object (manifest.json's `nodes`) with their values serialized in
/// parallel: each worker writes a run of values into its own buffer, and the entries are then copied into the output
/// in order, so the file is byte for byte what one writer would have written. Work goes in bounded batches, so at
/// most a few megabytes are buffered whatever the project's size.</summary>
internal static class ParallelJson
{
    private const int Chunk = 256;

    public static void WriteEntries<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Func<T, string> key, Action<Utf8JsonWriter, T> writeValue, JsonWriterOptions options)
    {
        var chunks = (items.Count + Chunk - 1) / Chunk;
        var batch = Math.Max(1, Environment.ProcessorCount * 4);
        // One buffer per chunk of a batch, reused by every batch (no large-object garbage per chunk).
        var buffers = Enumerable.Range(0, Math.Min(batch, chunks)).Select(_ => new ArrayBufferWriter<byte>(Chunk * 2048)).ToArray();
        for (var first = 0; first < chunks; first += batch)
        {
            var results = new (ArrayBufferWriter<byte> Buffer, int[] Ends)[Math.Min(batch, chunks - first)];
            var start = first;
            Parallel.For(0, results.Length, c =>
            {
                var from = (start + c) * Chunk;
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
            for (var c = 0; c < results.Length; c++)
            {
                var (buffer, ends) = results[c];
                var offset = 0;
                for (var j = 0; j < ends.Length; j++)
                {
                    w.WritePropertyName(key(items[((start + c) * Chunk) + j]));
                    w.WriteRawValue(buffer.WrittenSpan[offset..ends[j]], skipInputValidation: true);
                    offset = ends[j];
                }
            }
        }
    }
}
