using System.Text.RegularExpressions;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Golden;

/// <summary>Every diagnostic has a golden case: Golden/Diagnostics/NGxxxx-name.txt holds a project as `=== path` sections and
/// `# args:` (the verb to run); NNN-name.out.txt holds the exit code and the error/warning lines it must print.</summary>
public sealed partial class GoldenDiagnosticsTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(GoldenFile.SourceDir(), "Golden", "Diagnostics"), "*.txt").Where(f => !f.EndsWith(".out.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_matches_golden_output(string name)
    {
        var dir = Path.Combine(GoldenFile.SourceDir(), "Golden", "Diagnostics");
        var (args, files, target) = ParseCase(File.ReadAllText(Path.Combine(dir, name + ".txt")));
        using var project = new TestProject(files, target: target);
        var output = "";
        var exit = 0;
        foreach (var step in args)
        {
            (exit, output) = project.Run(Arguments(step));
            if (step.StartsWith("!", StringComparison.Ordinal))
            {
                break;
            }
        }

        var lines = output.Split('\n')
            .Select(l => Timestamp().Replace(l, string.Empty).TrimEnd())
            .Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal) || (l.StartsWith("  ", StringComparison.Ordinal) && Position().IsMatch(l)))
            .Select(l => l.Replace(project.Root, "<root>", StringComparison.Ordinal));
        GoldenFile.Assert(Path.Combine(dir, name + ".out.txt"), $"exit: {exit}\n" + string.Join("\n", lines));
    }

    /// <summary>Every code in <see cref="Diagnostics.DiagnosticCodes"/> has a golden case named by it, and every golden
    /// case's output shows the code its name claims.</summary>
    [Fact]
    public void Every_diagnostic_code_has_a_golden_case_named_by_it()
    {
        var codes = typeof(Diagnostics.DiagnosticCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        var dir = Path.Combine(GoldenFile.SourceDir(), "Golden", "Diagnostics");
        var names = Directory.EnumerateFiles(dir, "*.out.txt").Select(f => Path.GetFileName(f)).ToList();
        Assert.All(codes, code => Assert.True(names.Any(n => n.StartsWith(code + "-", StringComparison.Ordinal)), $"no golden case for {code}: add Golden/Diagnostics/{code}-<topic>.txt"));
        Assert.All(names, n => Assert.Contains(" " + n[..6] + ":", File.ReadAllText(Path.Combine(dir, n)), StringComparison.Ordinal));
    }

    /// <summary>`# args:` lines give the verbs to run; `# target: postgres` runs the case on the PostgreSQL test server
    /// (the same error on each adapter must come out with the same position).</summary>
    private static (List<string> Args, Dictionary<string, string> Files, TestTarget Target) ParseCase(string text)
    {
        var args = new List<string>();
        var target = TestTarget.DuckDb;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var buffer = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("# args:", StringComparison.Ordinal) && current is null)
            {
                args.Add(line["# args:".Length..].Trim());
            }
            else if (line.StartsWith("# target:", StringComparison.Ordinal) && current is null)
            {
                target = Enum.Parse<TestTarget>(line["# target:".Length..].Trim(), ignoreCase: true);
            }
            else if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    files[current] = string.Join("\n", buffer) + "\n";
                }

                current = line[4..].Trim();
                buffer.Clear();
            }
            else if (current is not null)
            {
                buffer.Add(line);
            }
        }

        if (current is not null)
        {
            files[current] = string.Join("\n", buffer).TrimEnd('\n') + "\n";
        }

        return (args, files, target);
    }

    /// <summary>Splits a `# args:` line at spaces; "double quoted" parts stay one argument, with \n for a new line.</summary>
    private static string[] Arguments(string line) =>
        [.. Argument().Matches(line).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value.Replace("\\n", "\n", StringComparison.Ordinal) : m.Value)];

    [GeneratedRegex("\"(?<q>[^\"]*)\"|[^ ]+")]
    private static partial Regex Argument();

    [GeneratedRegex(@"\.\w+\(\d+,\d+\)")]
    private static partial Regex Position();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d  ")]
    private static partial Regex Timestamp();
}
