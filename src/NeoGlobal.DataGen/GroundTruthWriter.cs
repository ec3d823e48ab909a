using System.Text;
using System.Text.Json;

namespace NeoGlobal.DataGen;

/// <summary>
/// Streams ground_truth/anomalies.csv batch by batch (in batch order, so it is byte-identical for a
/// seed) and sums the batch totals for summary.json and the report.
/// </summary>
internal sealed class GroundTruthWriter : IDisposable
{
    public const string Header = "record_id,side,anomaly_type,detail,expected_delta";

    private readonly StreamWriter _csv;
    private readonly long[] _counts = new long[16];
    private readonly SortedDictionary<string, long> _details = new(StringComparer.Ordinal);

    public GroundTruthWriter(string path)
    {
        _csv = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _csv.Write(Header + "\n");
    }

    public long StripeRows { get; private set; }
    public long NetsuiteRows { get; private set; }
    public long EventRows { get; private set; }
    public long MissingCents { get; private set; }
    public long MismatchAbsCents { get; private set; }
    public long OverstatementCents { get; private set; }

    public decimal ExpectedTotalLeakage => Amounts.ToDecimal(MissingCents + MismatchAbsCents);

    public void Add(Batch b)
    {
        _csv.Write(b.GroundTruth);
        StripeRows += b.Count + b.Refunds.Count;
        NetsuiteRows += b.ErpRows;
        EventRows += b.EventLines;
        MissingCents += b.Totals.MissingCents;
        MismatchAbsCents += b.Totals.MismatchAbsCents;
        OverstatementCents += b.Totals.OverstatementCents;
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += b.Totals.Counts[i];
        }

        foreach (var (key, value) in b.Totals.Details)
        {
            _details[key] = _details.GetValueOrDefault(key) + value;
        }
    }

    public IReadOnlyDictionary<string, long> Counts()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in AnomalyNames.All)
        {
            result[AnomalyNames.Name(kind)] = _counts[(int)kind];
        }

        return result;
    }

    public void WriteSummary(string path, GeneratorOptions o, BatchLayout layout)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("seed", o.Seed);
        json.WriteString("period_start", layout.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("months", o.Months);
        json.WriteStartObject("rows");
        json.WriteNumber("stripe", StripeRows);
        json.WriteNumber("netsuite", NetsuiteRows);
        json.WriteNumber("stripe_event_lines", EventRows);
        json.WriteEndObject();
        json.WriteStartObject("anomaly_counts");
        foreach (var (name, count) in Counts())
        {
            json.WriteNumber(name, count);
        }

        json.WriteEndObject();
        json.WriteStartObject("anomaly_details");
        foreach (var (name, count) in _details)
        {
            json.WriteNumber(name, count);
        }

        json.WriteEndObject();
        json.WriteNumber("expected_total_leakage", ExpectedTotalLeakage);
        json.WriteString("expected_total_leakage_definition",
            "sum of billing amounts of rows missing_in_erp + sum of |billing_amount - ledger_amount| over amount_mismatch rows");
        json.WriteNumber("missing_in_erp_amount", Amounts.ToDecimal(MissingCents));
        json.WriteNumber("amount_mismatch_abs_delta", Amounts.ToDecimal(MismatchAbsCents));
        json.WriteNumber("ledger_overstatement", Amounts.ToDecimal(OverstatementCents));
        json.WriteString("ledger_overstatement_definition",
            "sum of ledger amounts of duplicate_in_erp extra rows + orphan_in_erp rows + refunds (and lost disputes) missing in the ERP (not part of leakage)");
        json.WriteEndObject();
    }

    public void Dispose() => _csv.Dispose();
}
