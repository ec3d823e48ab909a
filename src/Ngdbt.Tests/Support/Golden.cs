namespace Ngdbt.Tests.Support;

/// <summary>Golden-file comparison: set NGDBT_ACCEPT=1 to (re)write expected outputs from the actual ones.</summary>
internal static class GoldenFile
{
    public static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "")
        => Path.GetDirectoryName(Path.GetDirectoryName(path))!;

    public static void Assert(string expectedPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("NGDBT_ACCEPT") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(expectedPath), $"missing golden file {expectedPath}; run with NGDBT_ACCEPT=1 to create it");
        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        Xunit.Assert.Equal(expected, actual);
    }
}
