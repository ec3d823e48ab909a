namespace NeoGlobal.DataGen;

/// <summary>Paths of everything the generator writes, relative to <see cref="GeneratorOptions.OutputDir"/>.</summary>
internal sealed class OutputLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string StripeCharges => Path.Combine(Root, "raw", "stripe", "charges");
    public string NetsuiteTransactions => Path.Combine(Root, "raw", "netsuite", "transactions");
    public string StripeEvents => Path.Combine(Root, "raw", "stripe_events");
    public string GroundTruth => Path.Combine(Root, "ground_truth");
    public string AnomaliesCsv => Path.Combine(GroundTruth, "anomalies.csv");
    public string SummaryJson => Path.Combine(GroundTruth, "summary.json");

    public string EventFile(int batch) =>
        Path.Combine(StripeEvents, "events-" + batch.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".ndjson");

    /// <summary>
    /// Deletes only the folders this generator owns (a previous run with more batches would otherwise
    /// leave stale files behind), then recreates them. Other content of OutputDir is left alone.
    /// </summary>
    public void Prepare()
    {
        foreach (var dir in new[] { StripeCharges, NetsuiteTransactions, StripeEvents, GroundTruth })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
        }
    }
}
