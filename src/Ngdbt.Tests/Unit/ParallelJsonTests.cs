using System.Buffers;
using System.Text.Json;
using Ngdbt.Artifacts;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>manifest.json's nodes are serialized in parallel batches (the next batch while the last is copied out):
/// the bytes must equal what one writer gives, in order, for any number of entries (within, at and across the
/// boundaries of chunks and batches).</summary>
public sealed class ParallelJsonTests
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(9999)]
    public void Parallel_entries_are_byte_for_byte_those_of_one_writer(int count)
    {
        var items = Enumerable.Range(0, count).ToList();
        Assert.Equal(Serial(items), Parallel(items));
    }

    /// <summary>A batch is four chunks per core, so the fixed counts above cross no batch boundary on a machine with
    /// many cores: these counts do, on any machine (at, just past, and past two boundaries).</summary>
    public static TheoryData<int> BatchBoundaries()
    {
        var batch = Math.Max(1, Environment.ProcessorCount * 4) * ParallelJson.Chunk;
        return [batch, batch + 1, (2 * batch) + 1];
    }

    [Theory]
    [MemberData(nameof(BatchBoundaries))]
    public void Entries_across_batch_boundaries_are_byte_for_byte_those_of_one_writer(int count)
    {
        var items = Enumerable.Range(0, count).ToList();
        Assert.Equal(Serial(items), Parallel(items));
    }

    [Fact]
    public void An_exception_in_a_value_reaches_the_caller()
    {
        var items = Enumerable.Range(0, 5000).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(buffer, Options);
        w.WriteStartObject();
        var e = Assert.Throws<AggregateException>(() => ParallelJson.WriteEntries(w, items, Key, (writer, i) =>
        {
            if (i == 4321)
            {
                throw new InvalidOperationException("value 4321");
            }

            Value(writer, i);
        }, Options));
        Assert.Contains(e.Flatten().InnerExceptions, x => x is InvalidOperationException { Message: "value 4321" });
    }

    private static string Key(int i) => $"node.{i:D5}";

    /// <summary>Values of different sizes and shapes, so entry boundaries fall anywhere in the buffers.</summary>
    private static void Value(Utf8JsonWriter w, int i)
    {
        w.WriteStartObject();
        w.WriteNumber("i", i);
        w.WriteString("text", new string((char)('a' + (i % 26)), i % 97));
        w.WriteStartArray("list");
        for (var k = 0; k < i % 5; k++)
        {
            w.WriteNumberValue(k * 1.25m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Serial(List<int> items) => Write(w =>
    {
        foreach (var i in items)
        {
            w.WritePropertyName(Key(i));
            Value(w, i);
        }
    });

    private static string Parallel(List<int> items) => Write(w => ParallelJson.WriteEntries(w, items, Key, Value, Options));

    private static string Write(Action<Utf8JsonWriter> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            entries(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
