using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ngdbt.Delivery.Tests.Support;

namespace Ngdbt.Delivery.Tests;

/// <summary>The framework CLI (src/ngdbt) knows nothing of NeoGlobal: no project reference to it, direct or through
/// another project, no grant of its internals, and no NeoGlobal namespace or schema name in any of its files.
/// NeoGlobal's verbs live in src/NeoGlobal.Cli (the `neoglobal` host), which plugs them in.</summary>
public sealed partial class FrameworkBoundaryTests
{
    private const string FrameworkCli = "src/ngdbt/ngdbt.csproj";

    [Fact]
    public void Framework_cli_references_no_NeoGlobal_project_directly_or_transitively()
    {
        var reached = ProjectClosure(Repo.PathOf(FrameworkCli)).Select(Path.GetFileName).ToList();
        Assert.Contains("Ngdbt.Core.csproj", reached);
        Assert.Contains("Ngdbt.Docs.csproj", reached);
        Assert.DoesNotContain(reached, p => p!.StartsWith("NeoGlobal.", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Framework_cli_grants_its_internals_to_no_NeoGlobal_assembly()
    {
        var grants = XDocument.Load(Repo.PathOf(FrameworkCli)).Descendants("InternalsVisibleTo").Select(e => (string?)e.Attribute("Include") ?? string.Empty).ToList();
        Assert.DoesNotContain(grants, g => g.StartsWith("NeoGlobal", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_file_under_src_ngdbt_names_a_NeoGlobal_namespace_or_schema()
    {
        var root = Repo.PathOf("src/ngdbt");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("Program.cs", StringComparison.Ordinal));
        var hits = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Repo.Root, f), Line: i + 1, Text: line)))
            .Where(l => NeoGlobalName().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, "NeoGlobal belongs in src/NeoGlobal.*, not the framework CLI:\n" + string.Join('\n', hits));
    }

    [Theory]
    [InlineData("namespace NeoGlobal.Cli;")]
    [InlineData("using NeoGlobal.Dashboard;")]
    [InlineData("<ProjectReference Include=\"..\\NeoGlobal.DataGen\\NeoGlobal.DataGen.csproj\" />")]
    [InlineData("DefaultValueFactory = _ => \"main_integrity\"")]
    [InlineData("Schema holding rpt_erp_adjustments (main_marts)")]
    [InlineData("from main_integrity.fct_reconciliation")]
    public void The_name_check_catches_namespaces_project_files_and_schemas(string line)
        => Assert.Matches(NeoGlobalName(), line);

    [Theory]
    [InlineData("namespace Ngdbt.Cli.Hosting;")]
    [InlineData("a project's own host names itself and adds its verbs")]
    [InlineData("select * from main.stg_stripe")]
    public void The_name_check_passes_framework_text(string line)
        => Assert.DoesNotMatch(NeoGlobalName(), line);

    private static List<string> ProjectClosure(string start)
    {
        var seen = new List<string>();
        var queue = new Queue<string>([Path.GetFullPath(start)]);
        while (queue.TryDequeue(out var project))
        {
            if (seen.Contains(project, StringComparer.Ordinal))
            {
                continue;
            }

            seen.Add(project);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = ((string?)reference.Attribute("Include") ?? string.Empty).Replace('\\', Path.DirectorySeparatorChar);
                queue.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
            }
        }

        return seen;
    }

    /// <summary>A NeoGlobal namespace or project (`NeoGlobal.X`) or one of the NeoGlobal warehouse's schemas and relations.</summary>
    [GeneratedRegex(@"\bNeoGlobal\.[A-Z]|\bmain_(integrity|marts|staging|intermediate)\b|\b(fct_reconciliation|rpt_erp_adjustments)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeoGlobalName();
}

/// <summary>The engine references no database client: adapters are projects of their own.</summary>
public sealed class CoreBoundaryTests
{
    [Fact]
    public void Ngdbt_Core_references_no_database_client()
    {
        var csproj = Repo.Read("src/Ngdbt.Core/Ngdbt.Core.csproj");
        Assert.DoesNotMatch(@"PackageReference\s+Include=""(DuckDB|Npgsql)", csproj);
        Assert.DoesNotContain("ProjectReference", csproj, StringComparison.Ordinal);
        var offenders = Directory.EnumerateFiles(Repo.PathOf("src/Ngdbt.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => File.ReadAllLines(f).Any(l => l.StartsWith("using DuckDB", StringComparison.Ordinal) || l.StartsWith("using Npgsql", StringComparison.Ordinal) || l.Contains("DuckDBConnection", StringComparison.Ordinal) || l.Contains("NpgsqlConnection", StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(offenders);
        Assert.NotEmpty(Directory.EnumerateFiles(Repo.PathOf("src/Ngdbt.Core"), "*.cs", SearchOption.AllDirectories));
    }
}
