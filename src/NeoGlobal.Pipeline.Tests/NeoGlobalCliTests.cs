using Ngdbt.Cli.Output;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The `neoglobal` host (src/NeoGlobal.Cli): every framework verb plus NeoGlobal's generate, serve and
/// dashboard export, which read the framework's --project-dir and profile.</summary>
public sealed class NeoGlobalCliTests
{
    [Fact]
    public void Has_every_framework_verb_and_neoglobals_own()
    {
        var verbs = NeoGlobal.Cli.Program.App().Parse(["--help"]).RootCommandResult.Command.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["build", "clean", "compile", "convert", "dashboard", "debug", "deps", "diff", "docs", "fingerprint", "generate", "ls", "retry", "run", "seed", "serve", "show", "snapshot", "source", "test"], verbs);
    }

    [Fact]
    public void Generate_build_and_dashboard_export_run_through_the_host()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var (generate, generated) = Run("generate", "--rows", "2000", "--batch-size", "1000", "--seed", "5", "--project-dir", project.Root);
        Assert.True(generate == 0, generated);
        // 2,000 charges and invoices plus 10 refunds and disputes (the real-world shapes at their default rates).
        Assert.Contains("Generated 2,010 Stripe rows", generated, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project.Root, "data", "ground_truth", "anomalies.csv")), generated);

        var (build, built) = Run("build", "--project-dir", project.Root, "--threads", "2");
        Assert.True(build == 0, built);

        var (export, exported) = Run("dashboard", "export", "--project-dir", project.Root, "-o", "target/d.html");
        Assert.True(export == 0, exported);
        var html = File.ReadAllText(Path.Combine(project.Root, "target", "d.html"));
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dashboard_export_without_a_warehouse_is_a_usage_error_naming_the_host()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var (exit, output) = Run("dashboard", "export", "--project-dir", project.Root);
        Assert.Equal(2, exit);
        Assert.Contains("error NG0041: no warehouse at", output, StringComparison.Ordinal);
        Assert.Contains("run `neoglobal build` first", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the neoglobal host in-process; returns the exit code and everything it printed.</summary>
    [Fact]
    public void Dashboard_export_of_a_warehouse_without_the_reconciliation_is_a_usage_error()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        foreach (var dir in new[] { "models", "seeds", "tests" })
        {
            Directory.Delete(Path.Combine(project.Root, dir), recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(project.Root, "models"));
        File.WriteAllText(Path.Combine(project.Root, "models", "other.sql"), "select 1 as id\n");
        Assert.Equal(0, Run("run", "--project-dir", project.Root).Exit);
        var (exit, output) = Run("dashboard", "export", "--project-dir", project.Root);
        Assert.Equal(2, exit);
        Assert.Contains("has no readable main_integrity.fct_reconciliation; run `neoglobal build` first", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    internal static (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = ConsoleOutput.Redirect.Value;
        ConsoleOutput.Redirect.Value = writer;
        try
        {
            var app = NeoGlobal.Cli.Program.App();
            var exit = app.Run(app.Parse(args), new System.CommandLine.InvocationConfiguration { Output = writer, Error = writer });
            return (exit, writer.ToString());
        }
        finally
        {
            ConsoleOutput.Redirect.Value = previous;
        }
    }
}
