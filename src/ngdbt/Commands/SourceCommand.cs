using System.CommandLine;
using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;
using Ngdbt.Freshness;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Commands;

/// <summary>`source freshness`: measures the selected sources' newest `loaded_at_field` against their
/// `freshness: {warn_after, error_after}` (and `filter`), prints one line per source, writes target/sources.json;
/// exit 1 when a source is past error_after or cannot be measured.</summary>
internal static class SourceCommand
{
    public static Command Create()
    {
        var freshness = new Command("freshness", "Check the freshness of sources (loaded_at_field against warn_after / error_after); writes target/sources.json");
        CommonOptions.AddSelection(freshness, execution: false);
        freshness.SetAction(parse => Run(parse, new ConsoleOutput()));
        var source = new Command("source", "Source commands");
        source.Subcommands.Add(freshness);
        return source;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output);
        var selected = session?.Selection(ResourceType.Source);
        if (session is null || selected is null)
        {
            return Session.ExitUsage;
        }

        try
        {
            using var adapter = session.OpenAdapter();
            var outcome = CliAdapters.Engine.SourceFreshness(session.Opened, selected, adapter, staleIsWarning: false, writeVersion: Session.Version);
            var i = 0;
            foreach (var r in outcome.Results)
            {
                var (label, color) = r.Status switch
                {
                    FreshnessStatus.Pass => ("PASS", "green"),
                    FreshnessStatus.Warn => ("WARN", "yellow"),
                    FreshnessStatus.Error => ("ERROR STALE", "red"),
                    _ => ("ERROR", "red"),
                };
                output.Line(string.Create(CultureInfo.InvariantCulture, $"{++i} of {outcome.Results.Count} {label} freshness of {r.Source.SourceName}.{r.Source.Name}: {r.Message} [{label} in {r.Elapsed.TotalSeconds:0.00}s]"), color);
            }

            output.Diagnostics(outcome.Diagnostics);
            if (outcome.Results.Count == 0)
            {
                output.Line("No selected source declares freshness (loaded_at_field and freshness: {warn_after, error_after}).", "yellow");
            }

            output.Line($"Wrote {Path.Combine(session.Project.Config.TargetPath, SourcesJson.FileName)}");
            return outcome.Diagnostics.Any(d => d.IsError && d.Code == DiagnosticCodes.FreshnessConfig) ? Session.ExitUsage
                : outcome.Success ? Session.ExitOk : Session.ExitNodeFailure;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"{session.Project.Target.File}: error {DiagnosticCodes.ConnectionError}: cannot open the {session.Project.Target.Type} database: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }
}
