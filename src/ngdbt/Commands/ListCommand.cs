using System.CommandLine;
using System.Text.Json;
using Ngdbt.Cli.Output;
using Ngdbt.Manifest;
using Ngdbt.Select;

namespace Ngdbt.Cli.Commands;

internal static class ListCommand
{
    private static readonly Option<string[]> ResourceTypes = new("--resource-type") { Description = "Only these resource types (model, seed, source, test, unit_test, snapshot)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> OutputFormat = new("--output", "-o") { Description = "selector (fqn), name, path or json", DefaultValueFactory = _ => "selector" };

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

        var wanted = parse.GetValue(ResourceTypes) is { Length: > 0 } names
            ? Enum.GetValues<ResourceType>().Where(t => names.Contains(NodeSelector.TypeName(t))).ToArray()
            : Enum.GetValues<ResourceType>();
        var selected = session.Selection(wanted);
        if (selected is null)
        {
            return Session.ExitUsage;
        }

        var format = parse.GetValue(OutputFormat);
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

        return Session.ExitOk;
    }
}
