using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Select;

public static partial class NodeSelector
{
    private static readonly string[] Methods = ["tag", "path", "resource_type", "source", "test_type", "fqn", "package", "config", "test_name", "file", "state", "source_status", "exposure", "metric", "semantic_model"];

    private static HashSet<string> MatchMethod(ProjectManifest manifest, SelectionGraph graph, string body, List<Diagnostic> diagnostics, State.StateComparison? state)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var method = colon > 0 ? body[..colon] : "name";
        var value = colon > 0 ? body[(colon + 1)..] : body;
        if (method == "state")
        {
            return MatchState(state, value, diagnostics);
        }

        if (method == "source_status")
        {
            return MatchSourceStatus(state, value, diagnostics);
        }

        if (DeclaredNodes.Kinds.Contains(method))
        {
            // dbt's exposure:name, metric:name, semantic_model:name (with * and ?)
            var matches = NameMatcher(value);
            return [.. graph.Declared.Where(d => d.ResourceType == method && matches(d.Name)).Select(d => d.UniqueId)];
        }

        Func<Node, bool> predicate;
        if (method.StartsWith("config.", StringComparison.Ordinal))
        {
            var key = method["config.".Length..];
            predicate = n => (key == "materialized" ? [n.Config.Materialized] : n.Config.List(key)).Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            predicate = method switch
            {
                "name" => ByName(value),
                "tag" => n => n.Tags.Contains(value, StringComparer.Ordinal),
                "path" or "file" => n => PathMatches(n.FilePath, value),
                "resource_type" => n => TypeName(n.ResourceType) == value,
                "source" => n => n.ResourceType == ResourceType.Source && (n.SourceName == value || $"{n.SourceName}.{n.Name}" == value),
                "test_type" => n => value switch
                {
                    "generic" => n.Test?.IsGeneric == true,
                    "singular" => n.Test is { IsGeneric: false },
                    "unit" => n.ResourceType == ResourceType.UnitTest,
                    "data" => n.ResourceType == ResourceType.Test,
                    _ => false,
                },
                "test_name" => n => n.Test?.TestName == value,
                "fqn" => n => string.Join('.', n.Fqn) == value || n.Fqn.Contains(value),
                "package" => n => n.PackageName == value,
                _ => Unknown(method, diagnostics),
            };
        }

        return [.. manifest.Nodes.Values.Where(predicate).Select(n => n.UniqueId)];
    }

    private static HashSet<string> MatchState(State.StateComparison? state, string value, List<Diagnostic> diagnostics)
    {
        if (state is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.StateRequired, new SourceSpan("--select", 1, 1), $"'state:{value}' compares with a previous run: pass --state DIR (the target/ folder of an earlier ngdbt compile, run or build)"));
            return [];
        }

        if (state.Match(value) is { } ids)
        {
            return ids;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"unknown state selector 'state:{value}' (one of {string.Join(", ", State.StateComparison.Values)}){Load.Suggest.Hint(Load.Suggest.Closest(value, State.StateComparison.Values))}"));
        return [];
    }

    private static HashSet<string> MatchSourceStatus(State.StateComparison? state, string value, List<Diagnostic> diagnostics)
    {
        if (value != "fresher")
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"unknown selector 'source_status:{value}' (source_status:fresher)"));
            return [];
        }

        if (state is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.StateRequired, new SourceSpan("--select", 1, 1), "'source_status:fresher' compares target/sources.json with the state's: pass --state DIR (the target/ folder of an earlier `source freshness`)"));
            return [];
        }

        return [.. state.Fresher];
    }

    private static Func<Node, bool> Unknown(string method, List<Diagnostic> diagnostics)
    {
        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.Selector, new SourceSpan("--select", 1, 1), $"unknown selector method '{method}'{Load.Suggest.Hint(Load.Suggest.Closest(method, Methods))}"));
        return _ => false;
    }

    /// <summary>A name, or a pattern with * and ?.</summary>
    private static Func<string, bool> NameMatcher(string value)
    {
        if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            var regex = new Regex("^" + Regex.Escape(value).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");
            return regex.IsMatch;
        }

        return name => name == value;
    }

    private static Func<Node, bool> ByName(string value)
    {
        if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            var matches = NameMatcher(value);
            return n => matches(n.Name);
        }

        // dbt also accepts a model's path-like fqn ("staging.stg_stripe") and source names ("stripe.charges").
        return n => n.Name == value || string.Join('.', n.Fqn.Skip(1)) == value || (n.SourceName is not null && $"{n.SourceName}.{n.Name}" == value);
    }

    private static bool PathMatches(string filePath, string value)
    {
        var v = value.TrimEnd('/');
        return filePath == v || filePath.StartsWith(v + "/", StringComparison.Ordinal) || (v.Contains('*', StringComparison.Ordinal) && Regex.IsMatch(filePath, "^" + Regex.Escape(v).Replace("\\*", ".*", StringComparison.Ordinal) + "$"));
    }

    public static string TypeName(ResourceType type) => type switch
    {
        ResourceType.UnitTest => "unit_test",
        _ => type.ToString().ToLowerInvariant(),
    };
}
