using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Execute;

namespace Ngdbt.Diff;

/// <summary>Compares two relations on a unique key inside the warehouse: one full outer join aggregated to counts,
/// per-column differences and exact money sums (a single result row), then a second query for a bounded sample of
/// differing rows. No other row reaches C#. SQL is portable (DuckDB, PostgreSQL): CASE sums, IS DISTINCT FROM, CAST.</summary>
public static partial class DataDiff
{
    [GeneratedRegex(@"^(DECIMAL|NUMERIC)\(\s*\d+\s*,\s*(?<scale>\d+)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DecimalType();

    [GeneratedRegex(@"^(DECIMAL|NUMERIC|INTEGER|INT|BIGINT|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|DOUBLE|REAL|FLOAT|DOUBLE PRECISION|INT2|INT4|INT8|FLOAT4|FLOAT8)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumericType();

    public static DiffReport Run(IAdapterConnection connection, ISqlDialect dialect, DiffQuery query)
    {
        var left = Columns(connection, dialect, query.Left, "left");
        var right = Columns(connection, dialect, query.Right, "right");
        foreach (var k in query.Key)
        {
            if (!left.Any(c => Same(c.Name, k)) || !right.Any(c => Same(c.Name, k)))
            {
                throw new DiffException($"key column '{k}' is not in both relations (left: {string.Join(", ", left.Select(c => c.Name))}; right: {string.Join(", ", right.Select(c => c.Name))})");
            }
        }

        foreach (var (relation, side) in new[] { (query.Left, "left"), (query.Right, "right") })
        {
            var keys = string.Join(", ", query.Key.Select(dialect.Quote));
            var duplicates = Convert.ToInt64(connection.Query($"select count(*) from (select {keys} from {relation} group by {keys} having count(*) > 1) as ngdbt_dups").Rows[0][0], CultureInfo.InvariantCulture);
            if (duplicates > 0)
            {
                throw new DiffException($"the key ({string.Join(", ", query.Key)}) is not unique on the {side} side: {duplicates} key values occur more than once; pass --key with the model's unique columns");
            }
        }

        var added = right.Where(r => !left.Any(l => Same(l.Name, r.Name))).ToList();
        var removed = left.Where(l => !right.Any(r => Same(l.Name, r.Name))).ToList();
        var common = left.Where(l => right.Any(r => Same(l.Name, r.Name))).Select(l => (Left: l, Right: right.First(r => Same(l.Name, r.Name)))).ToList();
        var typeChanged = common.Where(c => c.Left.Type != c.Right.Type).Select(c => new TypeChange(c.Left.Name, c.Left.Type, c.Right.Type)).ToList();
        var compared = common.Where(c => !query.Key.Any(k => Same(k, c.Left.Name))).ToList();
        var money = compared.Where(c => c.Left.Type == c.Right.Type && DecimalType().IsMatch(c.Left.Type) && query.IsMoney(c.Left.Name, c.Left.Type)).ToList();

        var q = new Sql(dialect, query);
        var select = new List<string>
        {
            q.Count("l0 is not null"), q.Count("r0 is not null"), q.Count("r0 is null"), q.Count("l0 is null"), q.Count("l0 is not null and r0 is not null"),
            q.Count($"l0 is not null and r0 is not null and ({(compared.Count == 0 ? "false" : string.Join(" or ", compared.Select(c => q.Differs(c.Left, c.Right))))})"),
        };
        select.AddRange(compared.Select(c => q.Count($"l0 is not null and r0 is not null and {q.Differs(c.Left, c.Right)}")));
        foreach (var (l, _) in money)
        {
            var scale = DecimalType().Match(l.Type).Groups["scale"].Value;
            var col = dialect.Quote(l.Name);
            select.Add($"cast(coalesce(sum(l.{col}), 0) as decimal(38,{scale}))");
            select.Add($"cast(coalesce(sum(r.{col}), 0) as decimal(38,{scale}))");
            select.Add($"cast(coalesce(sum(case when l0 is not null and r0 is not null then coalesce(r.{col}, 0) - coalesce(l.{col}, 0) end), 0) as decimal(38,{scale}))");
        }

        var row = connection.Query($"select {string.Join(",\n  ", select)}\n{q.From}").Rows[0];
        long N(int i) => Convert.ToInt64(row[i], CultureInfo.InvariantCulture);
        var matched = N(4);
        var columns = compared.Select((c, i) => new ColumnDiff(c.Left.Name, c.Left.Type == c.Right.Type ? c.Left.Type : $"{c.Left.Type} -> {c.Right.Type}", N(6 + i), matched == 0 ? 1m : (matched - N(6 + i)) / (decimal)matched)).ToList();
        var at = 6 + compared.Count;
        var moneyDiffs = money.Select((m, i) => new MoneyDiff(m.Left.Name, Dec(row[at + (3 * i)]), Dec(row[at + (3 * i) + 1]), Dec(row[at + (3 * i) + 2]))).ToList();
        var sample = query.SampleSize > 0 && N(2) + N(3) + N(5) > 0 ? Sample(connection, q, compared, query) : [];
        return new DiffReport(query.Model, query.Left, query.Right, query.Key, query.Tolerance, added, removed, typeChanged, N(0), N(1), N(2), N(3), matched, N(5), columns, moneyDiffs, sample);
    }

    private static List<SampleRow> Sample(IAdapterConnection connection, Sql q, List<(ColumnInfo Left, ColumnInfo Right)> compared, DiffQuery query)
    {
        var sideCase = "case when r0 is null then 'only_left' when l0 is null then 'only_right' else 'changed' end";
        var keys = query.Key.Select(k => $"coalesce(l.{q.Dialect.Quote(k)}, r.{q.Dialect.Quote(k)})").ToList();
        var values = compared.SelectMany(c => new[] { $"l.{q.Dialect.Quote(c.Left.Name)}", $"r.{q.Dialect.Quote(c.Left.Name)}" });
        var differs = compared.Count == 0 ? "false" : string.Join(" or ", compared.Select(c => q.Differs(c.Left, c.Right)));
        var sql = $"select {sideCase}, {string.Join(", ", keys.Concat(values))}\n{q.From}\nwhere r0 is null or l0 is null or {differs}\norder by 1, {string.Join(", ", keys.Select((_, i) => (i + 2).ToString(CultureInfo.InvariantCulture)))}\nlimit {query.SampleSize}";
        var result = connection.Query(sql);
        var k = query.Key.Count;
        var rows = new List<SampleRow>();
        foreach (var r in result.Rows)
        {
            var side = Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? string.Empty;
            var shown = compared
                .Select((c, i) => (c.Left.Name, ValueFormatter.Format(r[1 + k + (2 * i)], c.Left.Type), ValueFormatter.Format(r[2 + k + (2 * i)], c.Right.Type)))
                .Where(v => side != "changed" || v.Item2 != v.Item3)
                .ToList();
            rows.Add(new SampleRow(side, [.. Enumerable.Range(1, k).Select(i => ValueFormatter.Format(r[i]))], shown));
        }

        return rows;
    }

    private static decimal Dec(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    private static List<ColumnInfo> Columns(IAdapterConnection connection, ISqlDialect dialect, string relation, string side)
    {
        try
        {
            return [.. connection.Describe($"select * from {relation}").Select(c => c with { Type = dialect.NormalizeType(c.Type) })];
        }
        catch (AdapterSqlException e)
        {
            throw new DiffException($"cannot read the {side} relation {relation}: {e.Message}");
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQL pieces over `l` (left) full outer join `r` (right) on the key; l0/r0 say whether a side has the row.</summary>
    private sealed class Sql(ISqlDialect dialect, DiffQuery query)
    {
        public ISqlDialect Dialect => dialect;

        public string From
        {
            get
            {
                var on = string.Join(" and ", query.Key.Select(k => $"l.{dialect.Quote(k)} = r.{dialect.Quote(k)}"));
                return $"from (select *, 1 as l0 from {query.Left}) as l\nfull outer join (select *, 1 as r0 from {query.Right}) as r on {on}";
            }
        }

        public string Count(string condition) => $"cast(sum(case when {condition} then 1 else 0 end) as bigint)";

        /// <summary>Two values differ: exact for numbers (beyond the tolerance when one is given), NULL-aware for all.</summary>
        public string Differs(ColumnInfo left, ColumnInfo right)
        {
            var l = $"l.{dialect.Quote(left.Name)}";
            var r = $"r.{dialect.Quote(right.Name)}";
            if (NumericType().IsMatch(left.Type) && NumericType().IsMatch(right.Type))
            {
                return query.Tolerance == 0m
                    ? $"({l} is distinct from {r})"
                    : $"(({l} is null) <> ({r} is null) or abs({r} - {l}) > {query.Tolerance.ToString(CultureInfo.InvariantCulture)})";
            }

            return left.Type == right.Type
                ? $"({l} is distinct from {r})"
                : $"({dialect.Cast(l, "VARCHAR")} is distinct from {dialect.Cast(r, "VARCHAR")})";
        }
    }
}

/// <summary>What to compare: two relation expressions readable from one connection, the key, the numeric tolerance,
/// which columns are money (totals and exact sums of differences), and how many differing rows to sample.</summary>
public sealed record DiffQuery(string Model, string Left, string Right, IReadOnlyList<string> Key, decimal Tolerance, Func<string, string, bool> IsMoney, int SampleSize);
