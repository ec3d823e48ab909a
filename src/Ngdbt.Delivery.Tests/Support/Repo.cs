using YamlDotNet.RepresentationModel;

namespace Ngdbt.Delivery.Tests.Support;

/// <summary>The repository under test: $NGDBT_DELIVERY_REPO, else the first folder above the test output that holds NeoGlobal.sln.</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static YamlMappingNode Yaml(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(relative));
        stream.Load(reader);
        Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    /// <summary>A fresh temp folder under the OS temp dir; the caller deletes it.</summary>
    public static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ngdbt-delivery", prefix + "-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only git objects on some systems; left for the OS temp cleaner.
        }
    }

    private static string FindRoot()
    {
        // Lets the delivery checks run against another checkout (e.g. a scratch clone) without rebuilding them.
        if (Environment.GetEnvironmentVariable("NGDBT_DELIVERY_REPO") is { Length: > 0 } overridden)
        {
            return Path.GetFullPath(overridden);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeoGlobal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"NeoGlobal.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>Small helpers over YamlDotNet's representation model.</summary>
internal static class YamlExtensions
{
    public static YamlNode? Get(this YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key)
        => Assert.IsType<YamlMappingNode>(map.Get(key) ?? throw new Xunit.Sdk.XunitException($"missing key '{key}'"));

    public static IEnumerable<string> Keys(this YamlMappingNode map)
        => map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty);

    public static IEnumerable<string> Strings(this YamlNode? node) => node switch
    {
        YamlScalarNode s => [s.Value ?? string.Empty],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty),
        _ => [],
    };

    /// <summary>Every scalar in the subtree (for "does this workflow run X anywhere").</summary>
    public static IEnumerable<string> AllScalars(this YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? string.Empty],
        YamlSequenceNode seq => seq.Children.SelectMany(AllScalars),
        YamlMappingNode m => m.Children.SelectMany(kv => kv.Key.AllScalars().Concat(kv.Value.AllScalars())),
        _ => [],
    };
}
