namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// An id learned by its shape: fixed <c>Prefix</c>, total <c>Length</c> and the <c>Alphabet</c> of the rest.
/// <c>Sequential</c> ids (references whose rest is all digits, e.g. <c>SO-0000001</c>) are the row number
/// zero-padded to the length. Random ids are unique by construction: a keyed 48-bit bijection of (stream, index) written in the
/// case-insensitive part of the alphabet (so ids stay unique after lower()), the rest random characters;
/// if the learned length is too short for that, the id grows to the shortest unique length.
/// </summary>
internal sealed record IdPattern(string Prefix, int Length, string Alphabet, bool Sequential)
{
    private const string Digits = "0123456789";

    /// <param name="sequence">Whether an all-digit rest may be read as a row sequence (references). Ids of several
    /// streams (billing ids vs orphan ids, customers) must not: they stay random over the digits, unique per stream.</param>
    public static IdPattern Learn(IReadOnlyCollection<string> values, string what, bool sequence = false)
    {
        if (values.Count == 0)
        {
            throw new SynthesisException($"cannot learn the {what} pattern from an empty sample");
        }

        var prefix = values.Aggregate((a, b) => a[..CommonLength(a, b)]);
        // Keep the prefix up to its last separator: "SO-00000" (common to SO-0000001..SO-0000099) is "SO-".
        var cut = prefix.LastIndexOfAny(['_', '-', ':', '.', '/']);
        prefix = cut >= 0 ? prefix[..(cut + 1)] : string.Concat(prefix.TakeWhile(c => !char.IsLetterOrDigit(c)));
        var rest = values.Select(v => v[prefix.Length..]).ToArray();
        var length = values.GroupBy(v => v.Length).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var chars = new SortedSet<char>(rest.SelectMany(r => r), Comparer<char>.Create((a, b) => a.CompareTo(b)));
        var sequential = sequence && chars.Count > 0 && chars.All(char.IsAsciiDigit);
        var alphabet = sequential ? Digits : Normalize(chars);
        return new IdPattern(prefix, length, alphabet, sequential);
    }

    /// <summary>The id of (stream, index); <paramref name="rng"/> supplies the random characters.</summary>
    internal string Make(int seed, int stream, long index, FastRng rng)
    {
        if (Sequential)
        {
            return Prefix + (index + 1).ToString(new string('0', Math.Max(1, Length - Prefix.Length)), System.Globalization.CultureInfo.InvariantCulture);
        }

        var unique = UniqueAlphabet();
        var uniqueChars = (int)Math.Ceiling(48 / Math.Log2(unique.Length));
        var randomChars = Math.Max(0, Length - Prefix.Length - uniqueChars);
        var x = Permute48(((ulong)(uint)stream << 40 | (ulong)index) ^ Permute48((ulong)(uint)seed ^ 0x5DEECE66DUL));
        var chars = new char[Prefix.Length + randomChars + uniqueChars];
        Prefix.CopyTo(0, chars, 0, Prefix.Length);
        var pos = Prefix.Length;
        for (var i = 0; i < randomChars; i++)
        {
            chars[pos++] = Alphabet[rng.Next(Alphabet.Length)];
        }

        for (var i = 0; i < uniqueChars; i++)
        {
            chars[pos++] = unique[(int)(x % (ulong)unique.Length)];
            x /= (ulong)unique.Length;
        }

        return new string(chars);
    }

    /// <summary>Characters of the alphabet that lower() does not merge: digits plus one case of the letters.</summary>
    private string UniqueAlphabet()
    {
        var lower = Alphabet.Where(c => !char.IsAsciiLetterUpper(c)).ToArray();
        var set = lower.Length >= 2 ? lower : Alphabet.ToArray();
        return new string(set);
    }

    /// <summary>Round up to the usual alphabets (digits, lower hex, base36, base62) when the sample's characters fit one.</summary>
    private static string Normalize(SortedSet<char> seen)
    {
        const string lowerHex = "0123456789abcdef";
        const string base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
        const string base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        foreach (var candidate in new[] { Digits, lowerHex, base36, base62 })
        {
            if (seen.All(c => candidate.Contains(c, StringComparison.Ordinal)))
            {
                return seen.Count * 2 >= candidate.Length || candidate == base62 ? candidate : new string([.. seen]);
            }
        }

        return seen.Count >= 2 ? new string([.. seen]) : base62;
    }

    private static int CommonLength(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>A bijection on 48-bit integers (xor-shift and odd-multiply rounds mod 2⁴⁸).</summary>
    internal static ulong Permute48(ulong x)
    {
        const ulong mask = (1UL << 48) - 1;
        unchecked
        {
            x &= mask;
            x ^= x >> 23;
            x = x * 0xD6E8FEB86659UL & mask;
            x ^= x >> 23;
            x = x * 0x9E3779B97F4BUL & mask;
            x ^= x >> 23;
            return x;
        }
    }
}
