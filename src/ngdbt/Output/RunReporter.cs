using System.Globalization;
using Ngdbt.Execute;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Output;

/// <summary>Prints `3 of 12 START table model main.stg_stripe ... [RUN]` and the matching OK/ERROR/PASS/FAIL lines.</summary>
internal sealed class RunReporter(ConsoleOutput output) : Ngdbt.Engine.IEngineListener
{
    public void Diagnostics(IReadOnlyList<Ngdbt.Diagnostics.Diagnostic> diagnostics) => output.Diagnostics(diagnostics);

    public void Info(string message, string? color = null) => output.Line(message, color);

    private const int Width = 80;

    public void Started(int index, int total, Node node, string description)
        => output.Line(Dots($"{index} of {total} START {description}", "[RUN]"));

    public void Finished(int index, int total, NodeResult result, string description)
    {
        var seconds = result.ExecutionTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var (word, color, detail) = result.Status switch
        {
            NodeStatus.Success => ("OK created", "green", $"[{result.Message} in {seconds}s]"),
            NodeStatus.Pass => ("PASS", "green", $"[PASS in {seconds}s]"),
            NodeStatus.Warn => ("WARN " + result.Failures, "yellow", $"[WARN {result.Failures} in {seconds}s]"),
            NodeStatus.Fail => ("FAIL " + result.Failures, "red", $"[FAIL {result.Failures} in {seconds}s]"),
            NodeStatus.Skipped => ("SKIP", "yellow", "[SKIP]"),
            _ => ("ERROR creating", "red", $"[ERROR in {seconds}s]"),
        };
        output.Line(Dots($"{index} of {total} {word} {description}", detail), color);
        if (result.Status is NodeStatus.Error && result.Diagnostic is { } d)
        {
            output.Diagnostics([d]);
        }
        else if (result.Status is NodeStatus.Error)
        {
            output.Line("  " + result.Message, "red");
        }

        if (result.Status is NodeStatus.Fail or NodeStatus.Warn)
        {
            output.Line("  " + result.Message, color);
            foreach (var line in result.Details ?? [])
            {
                output.Line("    " + line, color);
            }
        }
    }

    private static string Dots(string left, string right)
    {
        var pad = Math.Max(3, Width - left.Length - right.Length);
        return left + " " + new string('.', pad - 2) + " " + right;
    }
}
