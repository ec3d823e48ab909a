using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Parse;
using Ngdbt.Templating;

namespace Ngdbt.Manifest;

internal sealed partial class Linker
{
    /// <summary>A source table's config: meta, plus `loaded_at_field` and `freshness` (the table's over the source's;
    /// `freshness: null` on a table turns it off), as dbt merges them.</summary>
    private static Dictionary<string, object?> SourceConfig(Dictionary<string, object?> meta, Parse.SourceFreshnessDoc? source, Parse.SourceFreshnessDoc? table)
    {
        var config = new Dictionary<string, object?> { ["meta"] = meta };
        if ((table?.LoadedAtField ?? source?.LoadedAtField) is { } field)
        {
            config["loaded_at_field"] = field;
        }

        var freshness = table?.Freshness ?? source?.Freshness;
        if (freshness is { Count: > 0 })
        {
            config["freshness"] = freshness;
        }

        return config;
    }

    private void AddSources()
    {
        foreach (var doc in docs)
        {
            foreach (var source in doc.Sources)
            {
                foreach (var table in source.Tables)
                {
                    var meta = new Dictionary<string, object?>(source.Meta, StringComparer.Ordinal);
                    foreach (var (k, v) in table.Meta)
                    {
                        meta[k] = v;
                    }

                    var location = meta.TryGetValue("external_location", out var loc) ? loc as string : null;
                    var format = meta.TryGetValue("format", out var fmt) ? fmt as string : null;
                    TryAdd(new Node
                    {
                        UniqueId = $"source.{_project}.{source.Name}.{table.Name}",
                        ResourceType = ResourceType.Source,
                        Name = table.Name,
                        SourceName = source.Name,
                        PackageName = _project,
                        FilePath = doc.File,
                        PathInResourceDir = doc.File,
                        Config = new NodeConfig(SourceConfig(meta, source.Freshness, table.Freshness)),
                        Schema = source.Schema ?? source.Name,
                        Identifier = table.Identifier ?? table.Name,
                        Description = table.Description ?? source.Description ?? string.Empty,
                        Columns = table.Columns,
                        ExternalLocation = location,
                        ExternalFormat = format,
                        ExternalReadOptions = meta.TryGetValue("read_options", out var ro) ? ro as string : null,
                        Fqn = [_project, source.Name, table.Name],
                        Span = table.Span,
                    });
                }
            }
        }
    }

    private void AddModels(Dictionary<string, ResourceDoc> modelDocs)
    {
        // Nodes are built in parallel (config merging is most of the work at 10,000 models), then registered in file
        // order so duplicate-name diagnostics stay deterministic.
        var files = project.FilesOf(ProjectFileKind.Model).Concat(project.FilesOf(ProjectFileKind.Snapshot)).ToList();
        var built = new Node?[files.Count];
        Parallel.For(0, files.Count, i => built[i] = BuildModel(files[i], modelDocs));
        foreach (var node in built)
        {
            if (node is not null)
            {
                TryAdd(node);
            }
        }
    }

    private Node? BuildModel(ProjectFile file, Dictionary<string, ResourceDoc> modelDocs)
    {
        var template = templates.GetValueOrDefault(file.Path);
        var isSnapshot = file.Kind == ProjectFileKind.Snapshot;
        var name = SnapshotBlockName(file, template, isSnapshot) ?? Path.GetFileNameWithoutExtension(file.Path);
        var doc = modelDocs.GetValueOrDefault(name);
        var config = MergeConfig(project.Config.Models, file.PathInResourceDir, doc?.Config, doc?.ConfigSpans, template, isSnapshot ? "snapshot" : null);

        if (!config.Enabled)
        {
            return null;
        }

        if (!Identifiers.IsValid(name))
        {
            diagnostics.Error(DiagnosticCodes.YamlSchema, new SourceSpan(file.Path, 1, 1), $"model file name '{name}' must be letters, digits and underscores");
            return null;
        }

        if (isSnapshot)
        {
            CheckHardDeletes(config, template?.Snapshot?.Span ?? new SourceSpan(file.Path, 1, 1), name);
        }

        return new Node
        {
            UniqueId = $"{(isSnapshot ? "snapshot" : "model")}.{_project}.{name}",
            ResourceType = isSnapshot ? ResourceType.Snapshot : ResourceType.Model,
            Name = name,
            PackageName = _project,
            FilePath = file.Path,
            PathInResourceDir = file.PathInResourceDir,
            Config = config,
            Schema = isSnapshot ? SnapshotSchema(config) : SchemaFor(config),
            Identifier = config.Alias ?? name,
            Description = doc?.Description ?? string.Empty,
            Columns = doc?.Columns ?? [],
            Template = template,
            RawCode = file.Text,
            Fqn = [_project, .. file.PathInResourceDir.Split('/')[..^1], name],
            Span = new SourceSpan(file.Path, 1, 1),
        };
    }

    /// <summary>dbt 1.9's YAML snapshots: `snapshots: [{name, relation: ref('x'), config: {unique_key, strategy, ...}}]`,
    /// snapshotting a relation with no SQL file of its own.</summary>
    private void AddYamlSnapshots()
    {
        foreach (var doc in docs)
        {
            foreach (var snapshot in doc.Snapshots.Where(s => s.Relation is not null))
            {
                var text = $"select * from {{{{ {snapshot.Relation} }}}}";
                var template = TemplateParser.Parse(text, doc.File, diagnostics);
                var config = MergeConfig(project.Config.Models, doc.File, snapshot.Config, snapshot.ConfigSpans, null, "snapshot");
                CheckHardDeletes(config, snapshot.Span, snapshot.Name);
                TryAdd(new Node
                {
                    UniqueId = $"snapshot.{_project}.{snapshot.Name}",
                    ResourceType = ResourceType.Snapshot,
                    Name = snapshot.Name,
                    PackageName = _project,
                    FilePath = doc.File,
                    PathInResourceDir = doc.File,
                    Config = config,
                    Schema = SnapshotSchema(config),
                    Identifier = config.Alias ?? snapshot.Name,
                    Description = snapshot.Description ?? string.Empty,
                    Columns = snapshot.Columns,
                    Template = template.IsValid ? template with { Refs = [.. template.Refs.Select(r => r with { Span = snapshot.Span })], Sources = [.. template.Sources.Select(s => s with { Span = snapshot.Span })] } : null,
                    RawCode = text,
                    Fqn = [_project, snapshot.Name],
                    Span = snapshot.Span,
                });
            }
        }
    }

    private void AddSeeds(Dictionary<string, ResourceDoc> seedDocs)
    {
        foreach (var file in project.FilesOf(ProjectFileKind.Seed))
        {
            var name = Path.GetFileNameWithoutExtension(file.Path);
            var doc = seedDocs.GetValueOrDefault(name);
            var config = MergeConfig(project.Config.Seeds, file.PathInResourceDir, doc?.Config, doc?.ConfigSpans, null, "seed");
            if (!config.Enabled)
            {
                continue;
            }

            TryAdd(new Node
            {
                UniqueId = $"seed.{_project}.{name}",
                ResourceType = ResourceType.Seed,
                Name = name,
                PackageName = _project,
                FilePath = file.Path,
                PathInResourceDir = file.PathInResourceDir,
                Config = config,
                Schema = SchemaFor(config),
                Identifier = config.Alias ?? name,
                Description = doc?.Description ?? string.Empty,
                Columns = doc?.Columns ?? [],
                Fqn = [_project, .. file.PathInResourceDir.Split('/')[..^1], name],
                Span = new SourceSpan(file.Path, 1, 1),
            });
        }
    }
}
