using System.Text;
using Ngdbt.Manifest;
using Ngdbt.Templating;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    /// <summary>The key of a node's render in <see cref="RenderCache"/>, or null when it may not be cached: the cache is
    /// off, the template is not pure, or one of its refs or sources does not resolve (the render reports that) or is
    /// ephemeral (inlined as a CTE). Every ref and source of the template, in every branch, is resolved with the node's
    /// own scope, so the key holds exactly the strings the render would see.</summary>
    private string? RenderKey(Node node, ParsedTemplate template)
    {
        if (_cache is null || _manifest.TemplateContext is not { } context || !template.Pure || template.Jinja is not null)
        {
            return null;
        }

        var ephemerals = new List<string>();
        var scope = NodeScope(node, ephemerals);
        var key = new StringBuilder(512);
        key.Append(context).Append('\n').Append(TextHash.Sha256(template.Text)).Append('\n');
        try
        {
            foreach (var r in template.Refs)
            {
                key.Append("ref\0").Append(r.Package).Append('\0').Append(r.Name).Append('\0').Append(scope.Ref(r)).Append('\n');
            }

            foreach (var s in template.Sources)
            {
                key.Append("source\0").Append(s.SourceName).Append('\0').Append(s.TableName).Append('\0').Append(scope.Source(s)).Append('\n');
            }
        }
        catch (CompileException)
        {
            return null;
        }

        if (ephemerals.Count > 0)
        {
            return null;
        }

        key.Append("incremental\0").Append(scope.IsIncremental() ? "true" : "false").Append('\n');
        if (scope.This is { } self)
        {
            key.Append("this\0").Append(self.Schema).Append('\0').Append(self.Identifier).Append('\0').Append(self.ToString());
        }

        return TextHash.Sha256(key.ToString());
    }
}
