using Ngdbt.Diagnostics;
using Spectre.Console;

namespace Ngdbt.Cli.Output;

/// <summary>dbt-style console lines: timestamped, coloured on a terminal, plain under CI or when redirected. Lines are
/// written whole, never wrapped, so a long `file(line,col): error` stays one line for editors and CI parsers; Spectre
/// (<see cref="Console"/>) is kept for tables and progress bars.</summary>
public sealed class ConsoleOutput
{
    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console;
    private readonly TextWriter _out;
    private readonly bool _plain;

    /// <summary>Lets in-process callers (tests, the dashboard host) capture what a verb prints.</summary>
    public static readonly AsyncLocal<TextWriter?> Redirect = new();

    public ConsoleOutput(TextWriter? writer = null)
    {
        writer ??= Redirect.Value;
        _plain = writer is not null || System.Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        _out = writer ?? System.Console.Out;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = _plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = _plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(_out),
        });
        if (_plain)
        {
            _console.Profile.Width = 200;
        }
    }

    public IAnsiConsole Console => _console;

    public void Line(string text, string? color = null)
    {
        var stamp = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Write($"{stamp}  {text}", color);
    }

    public void Raw(string text) => Write(text, null);

    public void Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Write(d.ToString(), d.IsError ? "red" : "yellow");
        }
    }

    private void Write(string text, string? color)
    {
        var code = _plain || !_console.Profile.Capabilities.Ansi ? null : color switch
        {
            "red" => "\u001b[31m",
            "green" => "\u001b[32m",
            "yellow" => "\u001b[33m",
            _ => null,
        };
        lock (_gate)
        {
            _out.WriteLine(code is null ? text : $"{code}{text}\u001b[0m");
        }
    }
}
