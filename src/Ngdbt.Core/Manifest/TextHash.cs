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
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > 1 << 16)
        {
            // A large file (a schema YAML of megabytes) is hashed from a pooled buffer, not kept per thread.
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max);
            hash.AppendData(rented, 0, Encoding.UTF8.GetBytes(text, rented));
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
        else
        {
            _bytes ??= new byte[1 << 16];
            hash.AppendData(_bytes, 0, Encoding.UTF8.GetBytes(text, _bytes));
        }

        return Digest(hash, size, keep);
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
