using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ngdbt.Artifacts;
using Ngdbt.Manifest;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>The buffers that keep large JSON artifacts and large texts out of the large-object heap must give exactly
/// the bytes the one-array way gave: state.json and the schema cache are serialized into 64 KB segments, manifest.json's
/// writer flushes as it goes, and large texts are hashed a slice at a time.</summary>
public sealed class SegmentedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    public void Json_written_into_segments_is_the_json_of_one_array(int items)
    {
        var value = Enumerable.Range(0, items).Select(i => new Dictionary<string, object> { ["id"] = i, ["name"] = $"node_{i}", ["sql"] = new string('x', i % 300) }).ToList();
        var expected = JsonSerializer.SerializeToUtf8Bytes(value);

        var buffer = new SegmentedBuffer();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, value);
        }

        using var copied = new MemoryStream();
        buffer.CopyTo(copied);
        Assert.Equal(expected.Length, buffer.Length);
        Assert.Equal(expected, copied.ToArray());
        Assert.Equal(expected, buffer.AsSequence().ToArray());
    }

    [Fact]
    public void A_request_larger_than_a_segment_gets_room_for_all_of_it()
    {
        var buffer = new SegmentedBuffer();
        buffer.GetSpan(10).Fill((byte)'a');
        buffer.Advance(10);
        var big = buffer.GetSpan(200_000);
        Assert.True(big.Length >= 200_000);
        big[..200_000].Fill((byte)'b');
        buffer.Advance(200_000);
        var bytes = buffer.AsSequence().ToArray();
        Assert.Equal(200_010, bytes.Length);
        Assert.All(bytes[..10], b => Assert.Equal((byte)'a', b));
        Assert.All(bytes[10..], b => Assert.Equal((byte)'b', b));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(buffer.GetSpan(1).Length + 1));
    }

    [Fact]
    public void A_writer_over_a_file_stream_flushes_once_enough_is_pending()
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        writer.WriteStringValue(new string('s', 100));
        writer.FlushWhenFull();
        Assert.Equal(0, stream.Length);
        writer.WriteStringValue(new string('s', 40_000));
        writer.FlushWhenFull();
        Assert.Equal(0, writer.BytesPending);
        Assert.True(stream.Length > 40_000);
    }

    /// <summary>Texts longer than a slice, with a surrogate pair (four UTF-8 bytes) and three-byte characters placed
    /// across every slice boundary: the hash is that of the whole text's UTF-8.</summary>
    [Theory]
    [InlineData("a", 0)]
    [InlineData("a", 70_000)]
    [InlineData("€", 70_000)]
    [InlineData("😀", 40_000)]
    [InlineData("a😀€", 50_000)]
    public void A_large_text_hashes_as_its_whole_utf8(string unit, int repeats)
    {
        var text = repeats == 0 ? string.Empty : string.Concat(Enumerable.Repeat(unit, repeats));
        for (var shift = 0; shift < 3; shift++)
        {
            var shifted = new string('b', shift) + text;
            var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shifted)));
            Assert.Equal(expected, TextHash.Sha256(shifted));
        }
    }
}
