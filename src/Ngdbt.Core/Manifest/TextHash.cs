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

    public static string Sha256(string text) => Hex(_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256), text, 32);

    public static string Md5(string text) => Hex(_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5), text, 16);

    private static string Hex(IncrementalHash hash, string text, int size)
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

        Span<byte> digest = stackalloc byte[size];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}
