namespace NeoGlobal.DataGen;

/// <summary>
/// Stripe-style ids that are unique by construction: 11 of the 24 base62 characters encode a keyed
/// 64-bit bijection of (stream, index), the other 13 are random. Different (stream, index) pairs can
/// never collide, so orphan ids (their own stream) are guaranteed to match no generated Stripe id.
/// </summary>
internal static class IdCodec
{
    public const int StreamStripe = 1;
    public const int StreamOrphan = 2;
    public const int StreamEvent = 3;
    public const int StreamCustomer = 4;
    public const int StreamRefund = 5;
    public const int StreamRefundNotInErp = 6;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Make(string prefix, int seed, int stream, long index, FastRng rng, int randomChars = 13)
    {
        var key = Permute((ulong)(uint)seed ^ 0x5DEECE66DUL);
        var x = Permute(((ulong)(uint)stream << 48 | (ulong)index) ^ key);
        return string.Create(prefix.Length + 11 + randomChars, (prefix, x, rng, randomChars), static (span, st) =>
        {
            st.prefix.AsSpan().CopyTo(span);
            var pos = st.prefix.Length;
            for (var i = 0; i < st.randomChars; i++)
            {
                span[pos++] = Alphabet[st.rng.Next(62)];
            }

            var v = st.x;
            for (var i = 0; i < 11; i++)
            {
                span[pos++] = Alphabet[(int)(v % 62)];
                v /= 62;
            }
        });
    }

    /// <summary>A bijection on 64-bit integers (xor-shift-multiply rounds, each invertible).</summary>
    internal static ulong Permute(ulong x)
    {
        unchecked
        {
            x ^= x >> 33;
            x *= 0xFF51AFD7ED558CCDUL;
            x ^= x >> 33;
            x *= 0xC4CEB9FE1A85EC53UL;
            x ^= x >> 33;
            return x;
        }
    }
}
