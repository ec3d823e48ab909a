namespace Ngdbt.Load;

/// <summary>One output of profiles.yml: the connection the run uses. Secrets are kept out of ToString and artifacts.</summary>
public sealed record TargetConfig(
    string ProfileName,
    string TargetName,
    string Type,
    string Path,
    string Schema,
    int Threads,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Secrets,
    string File)
{
    public static readonly IReadOnlySet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "password", "pass", "token", "api_key", "apikey", "secret", "private_key", "motherduck_token", "access_key", "secret_key",
    };

    public override string ToString() => $"{ProfileName}.{TargetName} ({Type}: {Path})";

    /// <summary>Values that are safe to show in logs, `debug` and the docs: secrets are replaced by asterisks.</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["type"] = Type,
            ["path"] = Path,
            ["schema"] = Schema,
            ["threads"] = Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in Settings)
        {
            d["settings." + k] = v;
        }

        foreach (var k in Secrets.Keys)
        {
            d[k] = "********";
        }

        return d;
    }
}
