namespace Ngdbt.Load;

/// <summary>One output of profiles.yml: the connection the run uses. The engine reads only <see cref="Type"/>,
/// <see cref="Schema"/> and <see cref="Threads"/>; every other key belongs to the adapter named by the type (its
/// <see cref="Adapters.IAdapterFactory.Fields"/>). Secrets are kept out of ToString, logs and artifacts.</summary>
public sealed record TargetConfig(
    string ProfileName,
    string TargetName,
    string Type,
    string Schema,
    int Threads,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets,
    string File)
{
    /// <summary>Key names (and parts of names, e.g. `s3_secret_access_key`) whose values are secrets wherever they appear.</summary>
    private static readonly string[] SecretMarkers = ["password", "pass", "token", "api_key", "apikey", "secret", "private_key", "access_key", "credential"];

    public static bool IsSecretKey(string key)
        => SecretMarkers.Any(m => key.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>The database name the adapter reports for artifacts (`database` of every node).</summary>
    public string Database { get; init; } = "main";

    /// <summary>A field of the adapter's, or null.</summary>
    public string? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>The embedded database file of file-based adapters (DuckDB), or empty.</summary>
    public string Path => Field("path") ?? string.Empty;

    public override string ToString() => $"{ProfileName}.{TargetName} ({Type})";

    /// <summary>Values that are safe to show in logs, `debug` and the docs: secrets are replaced by asterisks.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["type"] = Type,
            ["schema"] = Schema,
            ["threads"] = Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in Fields)
        {
            d[k] = IsSecretKey(k) ? "********" : v;
        }

        foreach (var (k, v) in Settings)
        {
            d["settings." + k] = IsSecretKey(k) ? "********" : v;
        }

        foreach (var k in Secrets.Keys)
        {
            d[k] = "********";
        }

        return d;
    }
}
