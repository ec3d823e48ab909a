using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Parse;
using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Manifest;

public static partial class ManifestBuilder
{
    /// <summary>A `.py` model is an error naming it unless it is disabled (folder config or schema YAML `enabled: false`):
    /// skipping it silently would only move the failure to its children ("ref does not match").</summary>
    private static void CheckPythonModels(LoadedProject project, IReadOnlyList<SchemaDocument> docs, DiagnosticBag diagnostics)
    {
        foreach (var file in project.FilesOf(ProjectFileKind.PythonModel))
        {
            var name = Path.GetFileNameWithoutExtension(file.Path);
            object? enabled = true;
            foreach (var folder in project.Config.Models.For(file.PathInResourceDir))
            {
                enabled = folder.Values.GetValueOrDefault("enabled", enabled);
            }

            foreach (var doc in docs.SelectMany(d => d.Models).Where(m => m.Name == name))
            {
                enabled = doc.Config.GetValueOrDefault("enabled", enabled);
            }

            if (enabled is not false && !file.Text.Contains("enabled=False", StringComparison.Ordinal))
            {
                diagnostics.Error(DiagnosticCodes.PythonModel, new SourceSpan(file.Path, 1, 1), $"Python models are not supported by ngdbt: '{file.Path}' (rewrite it as a SQL model, or disable it with enabled: false)");
            }
        }
    }

    private static List<DeclaredResource> Declared(IReadOnlyList<SchemaDocument> docs, DiagnosticBag diagnostics)
    {
        var declared = docs.SelectMany(d => d.Declared).ToList();
        foreach (var group in declared.GroupBy(d => d.Kind))
        {
            var first = group.First();
            diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, first.Span, $"{group.Count()} {first.Kind}(s) ({string.Join(", ", group.Select(g => g.Name).Take(5))}) are carried into the manifest{(DeclaredNodes.Kinds.Contains(first.Kind) ? " and drawn in the docs lineage," : string.Empty)} but not evaluated by ngdbt");
        }

        return declared;
    }

    /// <summary>A project's generate_schema_name / generate_alias_name / generate_database_name macros, as dbt calls
    /// them for every model, seed and snapshot; and `{{ doc('name') }}` in descriptions.</summary>
    private static ProjectManifest ApplyJinjaOverrides(ProjectManifest manifest, JinjaEnvironment jinja, DiagnosticBag diagnostics)
    {
        var project = manifest.Project;
        var scope = ParseScope(project) with { Macros = manifest.MacroScope, Jinja = new JinjaExtras(jinja) { Execute = false } };
        string? Call(string macro, string argument, object? value, Node node)
        {
            if (!jinja.HasMacro(macro))
            {
                return null;
            }

            try
            {
                var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal) { [argument] = value, ["node"] = JinjaGraph.NodeObject(node) };
                return JinjaFrontEnd.CallMacro(jinja, macro, kwargs, scope, node.FilePath).Trim();
            }
            catch (JinjaRenderException e)
            {
                diagnostics.Add(e.Diagnostic with { Message = $"in {macro} for '{node.Name}': {e.Diagnostic.Message}" });
                return null;
            }
        }

        string Describe(string text, string file, SourceSpan span)
        {
            if (!text.Contains("{{", StringComparison.Ordinal))
            {
                return text;
            }

            try
            {
                return JinjaFrontEnd.RenderSnippet(text, file, scope);
            }
            catch (JinjaRenderException e)
            {
                diagnostics.Add(e.Diagnostic with { Span = span, Message = $"in a description: {e.Diagnostic.Message}" });
                return text;
            }
        }

        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (id, node) in manifest.Nodes)
        {
            var updated = node with
            {
                Description = Describe(node.Description, node.FilePath, node.Span),
                Columns = [.. node.Columns.Select(c => c.Description is null ? c : c with { Description = Describe(c.Description, node.FilePath, c.Span) })],
            };
            if (node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot)
            {
                // A snapshot's target_schema is used as written, without generate_schema_name (dbt's legacy snapshots).
                var fixedSchema = node.ResourceType == ResourceType.Snapshot && node.Config.GetString("target_schema") is { Length: > 0 };
                if (!fixedSchema && Call("generate_schema_name", "custom_schema_name", node.Config.Schema, node) is { Length: > 0 } schema)
                {
                    updated = updated with { Schema = schema };
                }

                if (Call("generate_alias_name", "custom_alias_name", node.Config.Alias, node) is { Length: > 0 } alias)
                {
                    updated = updated with { Identifier = alias };
                }

                if (Call("generate_database_name", "custom_database_name", node.Config.GetString("database"), node) is { Length: > 0 } database && database != "None")
                {
                    diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, node.Span, $"generate_database_name gave '{database}' for '{node.Name}': ngdbt builds every relation in the target's database, so it has no effect");
                }
            }

            nodes[id] = updated;
        }

        return manifest with { Nodes = nodes };
    }
}
