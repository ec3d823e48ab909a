using System.CommandLine;
using Ngdbt.Cli;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>The framework CLI carries only framework verbs; a host adds its own through <see cref="ICliExtension"/>.</summary>
public sealed class CliHostingTests
{
    private static readonly Dictionary<string, string> Files = new() { ["models/one.sql"] = "select 1 as id\n" };

    [Theory]
    [InlineData("generate")]
    [InlineData("serve")]
    [InlineData("dashboard")]
    public void A_project_hosts_verb_is_a_usage_error_on_the_framework_cli(string verb)
    {
        using var p = new TestProject(Files);
        var (exit, output) = p.Run(verb);
        Assert.Equal(2, exit);
        Assert.Contains($"ngdbt: error NG0041: Unrecognized command or argument '{verb}'", output, StringComparison.Ordinal);
        Assert.Contains("Run 'ngdbt --help' for the verbs and options.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_framework_cli_has_exactly_the_framework_verbs()
    {
        var verbs = Program.Parse(["--help"]).RootCommandResult.Command.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["build", "clean", "compile", "convert", "debug", "deps", "diff", "docs", "fingerprint", "ls", "retry", "run", "seed", "show", "snapshot", "source", "test"], verbs);
    }

    [Fact]
    public void A_host_runs_its_own_verb_with_the_framework_options_and_keeps_every_framework_verb()
    {
        using var p = new TestProject(Files);
        var writer = new StringWriter();
        var app = new CliApp("host", "a test host").Add(new EchoExtension(writer));
        var exit = app.Run(app.Parse(["echo", "--project-dir", p.Root]), new InvocationConfiguration { Output = writer, Error = writer });
        Assert.Equal(7, exit);
        Assert.Equal($"project {p.Root} named proj", writer.ToString().Trim());

        var previous = ConsoleOutput.Redirect.Value;
        ConsoleOutput.Redirect.Value = writer;
        try
        {
            var build = app.Run(app.Parse(["build", "--project-dir", p.Root]), new InvocationConfiguration { Output = writer, Error = writer });
            Assert.True(build == CliVerbs.ExitOk, writer.ToString());
        }
        finally
        {
            ConsoleOutput.Redirect.Value = previous;
        }

        Assert.True(File.Exists(p.DatabasePath), writer.ToString());
    }

    [Fact]
    public void A_hosts_usage_errors_carry_the_hosts_name()
    {
        var writer = new StringWriter();
        var app = new CliApp("host", "a test host").Add(new EchoExtension(writer));
        Assert.Equal(CliVerbs.ExitUsage, app.Run(app.Parse(["nope"]), new InvocationConfiguration { Output = writer, Error = writer }));
        Assert.Contains("host: error NG0041: Unrecognized command or argument 'nope'", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("Run 'host --help'", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_cannot_replace_a_framework_verb()
    {
        var app = new CliApp().Add(new ClashingExtension());
        var e = Assert.Throws<InvalidOperationException>(app.BuildRoot);
        Assert.Contains("'build' that already exists", e.Message, StringComparison.Ordinal);
    }

    private sealed class EchoExtension(TextWriter writer) : ICliExtension
    {
        public void Register(RootCommand root)
        {
            var echo = new Command("echo", "Print the project folder and name");
            echo.SetAction(parse =>
            {
                var output = new ConsoleOutput(writer);
                if (CliVerbs.LoadProject(parse, output) is not { } project)
                {
                    return CliVerbs.ExitUsage;
                }

                output.Raw($"project {CliVerbs.ProjectRoot(parse)} named {project.Config.Name}");
                return 7;
            });
            root.Subcommands.Add(echo);
        }
    }

    private sealed class ClashingExtension : ICliExtension
    {
        public void Register(RootCommand root) => root.Subcommands.Add(new Command("build", "a second build"));
    }
}
