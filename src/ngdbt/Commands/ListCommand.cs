using System.CommandLine;
using System.Text.Json;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Manifest;
using Ngdbt.Select;

namespace Ngdbt.Cli.Commands;

internal static class ListCommand
{
    private static Option<string[]> ResourceTypes => new("--resource-type") { Description = "Only these resource types (model, seed, source, test, unit_test, snapshot, exposure, metric, semantic_model)", AllowMultipleArgumentsPerToken = true };
    private static Option<string> OutputFormat => new("--output", "-o") { Description = "selector (fqn), name, path or json", DefaultValueFactory = _ => "selector" };

    public static Command Create()
    {
        var command = new Command("ls", "List the selected resources");
        command.Aliases.Add("list");
        CommonOptions.AddSelection(command, execution: false);
        command.Options.Add(ResourceTypes);
        command.Options.Add(OutputFormat);
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output, quiet: true);
        if (session is null)
        {
            return Session.ExitUsage;
        }

        var names = parse.Value(ResourceTypes) ?? [];
        var known = Enum.GetValues<ResourceType>().Select(NodeSelector.TypeName).Concat(DeclaredNodes.Kinds).ToList();
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            output.Diagnostics([Diagnostics.Diagnostic.Error(Diagnostics.DiagnosticCodes.UsageError, new Diagnostics.SourceSpan("--resource-type", 1, 1),
                $"unknown resource type '{unknown}' (one of {string.Join(", ", known)}){Load.Suggest.Hint(Load.Suggest.Closest(unknown, known))}")]);
            return Session.ExitUsage;
        }

        var wanted = names.Length > 0
            ? Enum.GetValues<ResourceType>().Where(t => names.Contains(NodeSelector.TypeName(t))).ToArray()
            : Enum.GetValues<ResourceType>();
        var selected = session.Selection(wanted);
        if (selected is null)
        {
            return Session.ExitUsage;
        }

        var format = parse.Value(OutputFormat);
        foreach (var node in selected.Select(id => session.Manifest.Nodes[id]).OrderBy(n => n.ResourceType).ThenBy(n => string.Join('.', n.Fqn), StringComparer.Ordinal))
        {
            output.Raw(format switch
            {
                "name" => node.Name,
                "path" => node.FilePath,
                "json" => JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["name"] = node.Name,
                    ["resource_type"] = NodeSelector.TypeName(node.ResourceType),
                    ["unique_id"] = node.UniqueId,
                    ["original_file_path"] = node.FilePath,
                    ["tags"] = node.Tags,
                    ["materialized"] = node.Config.Materialized,
                }),
                _ => node.ResourceType == ResourceType.Source ? $"source:{string.Join('.', node.Fqn)}" : string.Join('.', node.Fqn),
            });
        }

        // Exposures, metrics and semantic models after the nodes (dbt lists them as `exposure:project.name`).
        var declared = session.Manifest.DeclaredNodes.Where(d => session.DeclaredSelection.Contains(d.UniqueId) && (names.Length == 0 || names.Contains(d.ResourceType)));
        foreach (var d in declared.OrderBy(d => d.ResourceType, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            output.Raw(format switch
            {
                "name" => d.Name,
                "path" => d.Declared.Span.File,
                "json" => JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["name"] = d.Name,
                    ["resource_type"] = d.ResourceType,
                    ["unique_id"] = d.UniqueId,
                    ["original_file_path"] = d.Declared.Span.File,
                    ["depends_on"] = d.DependsOn,
                }),
                _ => $"{d.ResourceType}:{session.Manifest.ProjectName}.{d.Name}",
            });
        }

        return Session.ExitOk;
    }
}
