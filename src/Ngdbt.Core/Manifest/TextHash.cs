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

    public static string Sha256(string text) => Hex(_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256), text, 32);

    public static string Md5(string text) => Hex(_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5), text, 16);

    private static string Hex(IncrementalHash hash, string text, int size)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max > 4096 ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> bytes = rented ?? stackalloc byte[4096];
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            hash.AppendData(bytes[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        Span<byte> digest = stackalloc byte[size];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}
