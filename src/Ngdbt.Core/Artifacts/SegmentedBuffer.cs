using System.Buffers;
using System.Text.Json;

namespace Ngdbt.Artifacts;

/// <summary>An <see cref="IBufferWriter{T}"/> of bytes held in 64 KB segments, for a JSON artifact serialized before it
/// is written (state.json, fingerprinted beside the compile; a schema document of the partial parse cache). One growing
/// array of megabytes is a chain of large-object allocations (each doubling), and every one of them spends the
/// large-object budget that triggers a full collection: a 10,000-model compile ran seven of its eight full collections
/// for such buffers. Segments this size stay below the large-object threshold (85,000 bytes).</summary>
internal sealed class SegmentedBuffer : IBufferWriter<byte>
{
    private const int SegmentSize = 1 << 16;

    private readonly List<(byte[] Bytes, int Used)> _full = [];
    private byte[] _current = new byte[SegmentSize];
    private int _used;

    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may start a new segment, and the memory is the new segment's.
        var at = Reserve(sizeHint);
        return _current.AsMemory(at);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var at = Reserve(sizeHint);
        return _current.AsSpan(at);
    }

    /// <summary>The bytes, in order, as one sequence (for <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySequence{byte}, bool)"/>).</summary>
    public ReadOnlySequence<byte> AsSequence()
    {
        if (_full.Count == 0)
        {
            return new ReadOnlySequence<byte>(_current, 0, _used);
        }

        var first = new Segment(_full[0].Bytes.AsMemory(0, _full[0].Used), 0);
        var last = first;
        foreach (var (bytes, used) in _full.Skip(1).Append((_current, _used)))
        {
            last = last.Append(bytes.AsMemory(0, used));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="value"/> serialized into a new buffer with the writer options
    /// <c>JsonSerializer.SerializeToUtf8Bytes</c> takes from the serializer options (encoder, indentation, depth limit,
    /// no validation of what the generated serializer writes), so the bytes are the ones it would give.</summary>
    public static SegmentedBuffer Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var options = type.Options;
        var buffer = new SegmentedBuffer();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
            SkipValidation = true,
        }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        return buffer;
    }

    public void CopyTo(Stream stream)
    {
        foreach (var (bytes, used) in _full)
        {
            stream.Write(bytes, 0, used);
        }

        stream.Write(_current, 0, _used);
    }

    /// <summary>Where in the current segment at least <paramref name="sizeHint"/> bytes (at least one) are free, after
    /// starting a new segment when they are not: a request larger than a segment gets a segment its own size.</summary>
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used < needed)
        {
            if (_used > 0)
            {
                _full.Add((_current, _used));
            }

            _current = new byte[Math.Max(SegmentSize, needed)];
            _used = 0;
        }

        return _used;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>Keeps a <see cref="Utf8JsonWriter"/> over a file stream from buffering the whole file: the writer holds
/// everything written since its last flush in one growing array, which for manifest.json (34 MB at 10,000 models)
/// meant ~120 MB of large-object allocations per compile and the full collections they trigger.</summary>
internal static class JsonFlush
{
    private const int Threshold = 1 << 15;

    public static void FlushWhenFull(this Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= Threshold)
        {
            writer.Flush();
        }
    }
}
