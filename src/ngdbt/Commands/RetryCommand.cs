using System.CommandLine;
using System.Text.Json;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;

namespace Ngdbt.Cli.Commands;

/// <summary>`retry`: re-runs the nodes that failed (error, fail) or were skipped in the last `run`/`seed`/`test`/
/// `snapshot`/`build`, with that invocation's verb and flags (`--full-refresh`, `--target`, `--vars`, `--state`,
/// `--defer`, ...), as recorded in target/run_results.json (`args.which`, `args.ngdbt_args`).</summary>
internal static class RetryCommand
{
    private static readonly HashSet<string> Rerun = new(StringComparer.Ordinal) { "error", "fail", "skipped" };

    public static Command Create()
    {
        var command = new Command("retry", "Re-run the failed and skipped nodes of the last invocation, with its verb and flags");
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        var project = Session.LoadProject(parse, output);
        if (project is null)
        {
            return Session.ExitUsage;
        }

        var path = Path.Combine(project.TargetDir, "run_results.json");
        var (which, args, ids, error) = Read(path);
        if (error is not null)
        {
            output.Diagnostics([Diagnostic.Error(DiagnosticCodes.RetryUnavailable, new SourceSpan(Path.GetRelativePath(project.Root, path), 1, 1), error)]);
            return Session.ExitUsage;
        }

        if (ids.Count == 0)
        {
            output.Line($"Nothing to retry: every node of the last '{which}' succeeded.", "green");
            return Session.ExitOk;
        }

        // The previous invocation's own arguments, in this invocation's project folder.
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--project-dir")
            {
                i++;
                continue;
            }

            kept.Add(args[i]);
        }

        var shown = string.Join(' ', kept);
        kept.AddRange(["--project-dir", project.Root]);
        var previous = parse.RootCommandResult.Command.Parse(kept, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (previous.Errors.Count > 0)
        {
            output.Diagnostics([Diagnostic.Error(DiagnosticCodes.RetryUnavailable, new SourceSpan(Path.GetRelativePath(project.Root, path), 1, 1), $"the recorded arguments no longer parse: {previous.Errors[0].Message}")]);
            return Session.ExitUsage;
        }

        output.Line($"Retrying {ids.Count} failed or skipped node{(ids.Count == 1 ? string.Empty : "s")} of '{shown}'");
        return ExecuteCommand.Run(previous, which, ExecuteCommand.Verbs[which], output, ids);
    }

    private static (string Which, IReadOnlyList<string> Args, IReadOnlyList<string> Ids, string? Error) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (string.Empty, [], [], "no run_results.json: there is no previous run, seed, test, snapshot or build to retry");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("args", out var a) || !a.TryGetProperty("which", out var w) || w.GetString() is not { } which || !ExecuteCommand.Verbs.ContainsKey(which) || !a.TryGetProperty("ngdbt_args", out var list))
            {
                return (string.Empty, [], [], "run_results.json does not record the verb and arguments of its invocation (args.which, args.ngdbt_args); run it again with this ngdbt");
            }

            var ids = root.GetProperty("results").EnumerateArray()
                .Where(r => Rerun.Contains(r.GetProperty("status").GetString() ?? string.Empty))
                .Select(r => r.GetProperty("unique_id").GetString()!).ToList();
            return (which, [.. list.EnumerateArray().Select(t => t.GetString() ?? string.Empty)], ids, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (string.Empty, [], [], $"run_results.json cannot be read: {e.Message}");
        }
    }
}
