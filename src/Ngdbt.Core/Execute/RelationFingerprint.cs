using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ngdbt.Adapters;

namespace Ngdbt.Execute;

/// <summary>An order-independent fingerprint of a relation's rows, comparable across warehouses: every value is written
/// in one canonical text form (decimals with their column's scale, never through floating point; timestamps to the
/// microsecond), each row is hashed (SHA-256), and the row hashes are added up modulo 2^64. Decimal columns are also
/// summed exactly.</summary>
public sealed record RelationFingerprint(long Rows, string Hash, IReadOnlyList<(string Column, string Type, decimal Sum)> DecimalSums)
{
    public static RelationFingerprint Compute(IAdapterConnection connection, string sql)
    {
        var columns = connection.Describe(sql);
        var sums = new decimal[columns.Count];
        ulong total = 0;
        long rows = 0;
        using (var reader = connection.Stream(sql))
        {
            var text = new StringBuilder();
            while (reader.Read())
            {
                text.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    text.Append(Canonical(value, columns[i].Type)).Append('\u001f');
                    if (value is decimal d)
                    {
                        sums[i] += d;
                    }
                }

                total = unchecked(total + BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0));
                rows++;
            }
        }

        var decimals = columns.Select((c, i) => (c, i)).Where(x => x.c.Type.StartsWith("DECIMAL", StringComparison.Ordinal)).Select(x => (x.c.Name, x.c.Type, sums[x.i])).ToList();
        return new RelationFingerprint(rows, total.ToString("x16", CultureInfo.InvariantCulture), decimals);
    }

    /// <summary>An exact sum with its column's scale (10.5 in a DECIMAL(19,4) column prints as 10.5000 on every target).</summary>
    public static string FormatSum((string Column, string Type, decimal Sum) sum) => ValueFormatter.Format(sum.Sum, sum.Type);

    private static string Canonical(object? value, string type) => value switch
    {
        null => "\u2400",
        DateTime dt when type == "DATE" => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal or long or int or short or byte or System.Numerics.BigInteger => ValueFormatter.Format(value, type),
        double or float => ((IFormattable)value).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
