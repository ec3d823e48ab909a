using Ngdbt.Diagnostics;
using Spectre.Console;

namespace Ngdbt.Cli.Output;

/// <summary>dbt-style console lines: timestamped, coloured on a terminal, plain under CI or when redirected.</summary>
internal sealed class ConsoleOutput
{
    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console;

    /// <summary>Lets in-process callers (tests, the dashboard host) capture what a verb prints.</summary>
    public static readonly AsyncLocal<TextWriter?> Redirect = new();

    public ConsoleOutput(TextWriter? writer = null)
    {
        writer ??= Redirect.Value;
        var plain = writer is not null || System.Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(writer ?? System.Console.Out),
        });
        if (plain)
        {
            _console.Profile.Width = 200;
        }
    }

    public IAnsiConsole Console => _console;

    public void Line(string text, string? color = null)
    {
        var stamp = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            var escaped = Markup.Escape(text);
            _console.MarkupLine(color is null ? $"{stamp}  {escaped}" : $"{stamp}  [{color}]{escaped}[/]");
        }
    }

    public void Raw(string text)
    {
        lock (_gate)
        {
            _console.WriteLine(text);
        }
    }

    public void Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            lock (_gate)
            {
                _console.MarkupLine(d.IsError ? $"[red]{Markup.Escape(d.ToString())}[/]" : $"[yellow]{Markup.Escape(d.ToString())}[/]");
            }
        }
    }
}
