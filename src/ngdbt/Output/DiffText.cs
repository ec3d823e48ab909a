using System.Globalization;
using Ngdbt.Cli.Commands;
using Ngdbt.Diff;

namespace Ngdbt.Cli.Output;

/// <summary>`ngdbt diff`'s text report: schema changes, row counts, per-column match rates, exact money deltas and the
/// sample of differing rows.</summary>
internal static class DiffText
{
    public static void Write(DiffReport r, ConsoleOutput output)
    {
        static string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
        output.Raw($"diff {r.Model} on ({string.Join(", ", r.Key)}): left {r.Left} -> right {r.Right}" + (r.Tolerance > 0 ? $" (numeric tolerance {r.Tolerance.ToString(CultureInfo.InvariantCulture)})" : string.Empty));
        if (r.SchemaChanged)
        {
            output.Raw("schema:");
            foreach (var c in r.Added)
            {
                output.Raw($"  + {c.Name} {c.Type}");
            }

            foreach (var c in r.Removed)
            {
                output.Raw($"  - {c.Name} {c.Type}");
            }

            foreach (var c in r.TypeChanged)
            {
                output.Raw($"  ~ {c.Name} {c.LeftType} -> {c.RightType}");
            }
        }
        else
        {
            output.Raw("schema: unchanged");
        }

        output.Raw($"rows: left {N(r.LeftRows)}, right {N(r.RightRows)}; only left {N(r.OnlyLeft)}, only right {N(r.OnlyRight)}, on both {N(r.Matched)}, changed {N(r.Changed)}");
        if (r.Columns.Count > 0)
        {
            var width = Math.Max(6, r.Columns.Max(c => c.Name.Length));
            output.Raw($"  {"column".PadRight(width)}  {"differing",10}  {"match rate",10}");
            foreach (var c in r.Columns)
            {
                output.Raw($"  {c.Name.PadRight(width)}  {N(c.Differing),10}  {(c.MatchRate * 100m).ToString("0.0000", CultureInfo.InvariantCulture) + "%",10}");
            }
        }

        if (r.Money.Count > 0)
        {
            var width = Math.Max(6, r.Money.Max(c => c.Name.Length));
            output.Raw("money (exact):");
            output.Raw($"  {"column".PadRight(width)}  {"left total",20}  {"right total",20}  {"total delta",18}  {"delta on both",18}");
            foreach (var m in r.Money)
            {
                output.Raw($"  {m.Name.PadRight(width)}  {DiffCommand.Money(m.LeftTotal),20}  {DiffCommand.Money(m.RightTotal),20}  {DiffCommand.Money(m.TotalDelta),18}  {DiffCommand.Money(m.MatchedDelta),18}");
            }
        }

        if (r.Sample.Count > 0)
        {
            output.Raw($"sample ({r.Sample.Count} differing rows):");
            foreach (var s in r.Sample)
            {
                var values = s.Side == "changed" ? string.Join("; ", s.Values.Select(v => $"{v.Column}: {v.Left} -> {v.Right}")) : string.Empty;
                output.Raw($"  {s.Side,-10} {string.Join(", ", r.Key.Zip(s.Key, (k, v) => $"{k}={v}"))}  {values}".TrimEnd());
            }
        }

        output.Raw(r.HasDifferences ? "result: DIFFERENT" : "result: IDENTICAL");
    }
}
