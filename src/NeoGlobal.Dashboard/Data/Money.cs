using System.Data.Common;
using System.Globalization;

namespace NeoGlobal.Dashboard.Data;

/// <summary>
/// Money never becomes a floating-point number: DuckDB DECIMAL → <see cref="decimal"/> → invariant string with
/// exactly four places ("12345.6700"). The browser formats that string with BigInt arithmetic.
/// </summary>
internal static class Money
{
    public static string Format(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string? Read(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Format(reader.GetDecimal(ordinal));

    public static string ReadOrZero(DbDataReader reader, int ordinal) => Read(reader, ordinal) ?? "0.0000";

    /// <summary>Display form rounded half away from zero to cents: -1234.5650 → "-$1,234.57".</summary>
    public static string Display(string exact)
    {
        var value = decimal.Parse(exact, NumberStyles.Number, CultureInfo.InvariantCulture);
        var cents = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        var text = Math.Abs(cents).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return (cents < 0 ? "-$" : "$") + text;
    }

    public static long? ReadLong(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static string? ReadText(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
