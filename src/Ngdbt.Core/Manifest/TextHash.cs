using System.Security.Cryptography;
using System.Text;

namespace Ngdbt.Manifest;

/// <summary>SHA-256 and MD5 of a string's UTF-8 bytes, as lower-case hex, for the per-node checksums (tens of thousands
/// per compile). The one-shot <c>SHA256.HashData</c> sets up an OpenSSL digest context on every call, and OpenSSL 3
/// serializes that across threads; one reusable hasher per thread does the same work without the contention.</summary>
internal static class TextHash
{
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    [ThreadStatic]
    private static IncrementalHash? _md5;

    /// <summary>The UTF-8 bytes of the text being hashed (kept per thread: neither allocated nor cleared per call).</summary>
    [ThreadStatic]
    private static byte[]? _bytes;

    public static string Sha256(string text) => Hex(Sha256Hasher, text, 32, 32);

    /// <summary>The first <paramref name="hexDigits"/> hex digits of the SHA-256 of <paramref name="text"/> (the same as
    /// a prefix of <see cref="Sha256(string)"/>, without the full string).</summary>
    public static string Sha256Prefix(string text, int hexDigits) => Hex(Sha256Hasher, text, 32, hexDigits / 2);

    /// <summary>The same prefix of the SHA-256 of bytes already UTF-8 (a JSON text written to a buffer).</summary>
    public static string Sha256Prefix(ReadOnlySpan<byte> utf8, int hexDigits)
    {
        var hash = Sha256Hasher;
        hash.AppendData(utf8);
        return Digest(hash, 32, hexDigits / 2);
    }

    public static string Md5(string text) => Hex(_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5), text, 16, 16);

    private static IncrementalHash Sha256Hasher => _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private static string Hex(IncrementalHash hash, string text, int size, int keep)
    {
        // A large text (a schema YAML of megabytes) is hashed a slice at a time through the same buffer: a buffer its
        // size would be a large-object allocation, and those trigger full collections.
        var buffer = _bytes ??= new byte[SliceBytes];
        var chars = text.AsSpan();
        while (!chars.IsEmpty)
        {
            hash.AppendData(buffer, 0, EncodeSlice(ref chars, buffer));
        }

        return Digest(hash, size, keep);
    }

    /// <summary>The size of a buffer <see cref="EncodeSlice"/> fills.</summary>
    internal const int SliceBytes = 1 << 16;

    /// <summary>Encodes the next slice of <paramref name="chars"/> as UTF-8 into <paramref name="buffer"/> (of
    /// <see cref="SliceBytes"/>), moves <paramref name="chars"/> past it and returns the bytes written. A slice never
    /// ends between the two halves of a surrogate pair, so the slices' bytes are exactly the whole text's UTF-8.</summary>
    internal static int EncodeSlice(ref ReadOnlySpan<char> chars, byte[] buffer)
    {
        // At most three bytes a char (a surrogate pair: four bytes for two chars).
        var take = Math.Min(chars.Length, SliceBytes / 3);
        if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
        {
            take--;
        }

        var written = Encoding.UTF8.GetBytes(chars[..take], buffer);
        chars = chars[take..];
        return written;
    }

    /// <summary>The hash of what was appended (the hasher reset for its next use), its first <paramref name="keep"/>
    /// bytes as lower-case hex.</summary>
    private static string Digest(IncrementalHash hash, int size, int keep)
    {
        Span<byte> digest = stackalloc byte[size];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..keep]);
    }
}
