namespace NeoGlobal.DataGen;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Stable across .NET versions (unlike <see cref="Random"/>'s
/// unspecified algorithm), cheap, and splittable: every (seed, stream, batch) gets its own sequence,
/// so a batch is generated identically whatever happened in the batches before it.
/// </summary>
internal sealed class FastRng
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRng(int seed, int stream, long batch)
    {
        var x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)stream << 40) ^ (ulong)batch * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextULong()
    {
        unchecked
        {
            var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>Uniform integer in [0, max) (Lemire's multiply-shift; bias is negligible for our ranges).</summary>
    public int Next(int max) => (int)(((NextULong() >> 32) * (ulong)max) >> 32);

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>Uniform long in [0, max).</summary>
    public long NextLong(long max) => (long)Math.BigMul(NextULong(), (ulong)max, out _);

    /// <summary>Uniform double in (0, 1): 53 random bits, never exactly 0 or 1.</summary>
    public double NextDouble() => ((NextULong() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>True with probability permille / 1000.</summary>
    public bool Chance(int permille) => Next(1000) < permille;
}
