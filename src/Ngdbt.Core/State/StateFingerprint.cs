using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ngdbt.Artifacts;
using Ngdbt.Manifest;

namespace Ngdbt.State;

/// <summary>Computes every node's <see cref="NodeState"/> from the manifest alone (no database, no render), so
/// `ls -s state:modified+` stays fast on 10,000 models. The body is compared after <see cref="SqlText.Normalize"/>
/// (formatting-only edits are not changes); the vars and env vars a node reads, directly or through the macros it
/// calls, are recorded with their values, so changing a var selects exactly the nodes that read it.</summary>
public static partial class StateFingerprint
{
    /// <summary>A `var(...)` or `env_var(...)` call: the name when it is a literal, else `other` (shared with the compile
    /// memo's key, so both read exactly the same env var names).</summary>
    [GeneratedRegex(@"\b(?<fn>var|env_var)\s*\(\s*(?:'(?<name>[^']*)'|""(?<name>[^""]*)""|(?<other>[^)\s]))")]
    internal static partial Regex VarCall();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    public static ProjectState Compute(ProjectManifest manifest, Func<Node, string?> relationName, string? databaseLocation, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var project = manifest.Project;
        var macros = MacroStates(manifest, project.Vars, environment);
        var seedTexts = project.Files.Where(f => f.Kind == Load.ProjectFileKind.Seed).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        // Nodes are fingerprinted in parallel and then keyed in the manifest's order (state.json's order).
        var all = manifest.Nodes.Values.ToArray();
        var states = new NodeState[all.Length];
        Parallel.For(0, all.Length, i =>
        {
            var node = all[i];
            var used = UsedMacros(node, macros);
            var vars = new SortedList<string, string>(StringComparer.Ordinal);
            ReadVars(node.RawCode, project.Vars, environment, vars);
            foreach (var m in used)
            {
                foreach (var (name, value) in macros[m].Vars)
                {
                    vars[name] = value;
                }
            }

            // Most nodes (every built-in generic test) read no var and call no macro: they share one empty map.
            IReadOnlyDictionary<string, string> readVars = vars.Count == 0 ? NoEntries : vars;
            IReadOnlyDictionary<string, string> usedMacros = used.Count == 0 ? NoEntries : used.ToDictionary(m => macros[m].UniqueId, m => macros[m].Checksum, StringComparer.Ordinal);

            var body = node.ResourceType == ResourceType.Seed && seedTexts.TryGetValue(node.FilePath, out var csv)
                ? csv.Replace("\r\n", "\n", StringComparison.Ordinal)
                : SqlText.Normalize(node.RawCode) + TestPart(node) + SourcePart(node);
            states[i] = new NodeState(
                node.UniqueId,
                ArtifactWriter.TypeName(node.ResourceType),
                node.Name,
                node.FilePath,
                Hash(body),
                ArtifactWriter.ConfigHash(node, HashDigits),
                Hash($"{node.Config.GetString("database")}|{node.Config.Schema}|{node.Config.Alias}|{node.Name}"),
                node.Config.ContractEnforced ? Hash(ContractPart(node)) : NoContractHash,
                node.Description.Length == 0 && node.Columns.Count == 0 ? NoDescriptionsHash : Hash(node.Description + "\n" + string.Join("\n", node.Columns.Select(c => $"{c.Name}:{c.Description}"))),
                node.Config.Values.ContainsKey("persist_docs"),
                usedMacros,
                readVars,
                node.IsRelation ? relationName(node) : null,
                node.IsRelation ? node.Schema : null,
                node.IsRelation ? node.Identifier : null);
        });
        var nodes = new Dictionary<string, NodeState>(all.Length, StringComparer.Ordinal);
        foreach (var state in states)
        {
            nodes[state.UniqueId] = state;
        }

        return new ProjectState(manifest.ProjectName, project.Target.Type, project.Target.TargetName, project.Target.Database, databaseLocation, nodes);
    }

    /// <summary>A macro's id, checksum, the other macros its text names and the vars its text reads (with their values:
    /// read once here, not again for every node that calls it).</summary>
    private sealed record MacroState(string UniqueId, string Checksum, IReadOnlyList<string> Calls, IReadOnlyList<KeyValuePair<string, string>> Vars);

    /// <summary>Each macro's checksum and the other macros its text names (a call, or a mention: never fewer).</summary>
    private static Dictionary<string, MacroState> MacroStates(ProjectManifest manifest, IReadOnlyDictionary<string, object?> projectVars, Func<string, string?> environment)
    {
        var names = manifest.Macros.Keys.ToHashSet(StringComparer.Ordinal);
        return manifest.Macros.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                var vars = new SortedList<string, string>(StringComparer.Ordinal);
                ReadVars(kv.Value.Sql, projectVars, environment, vars);
                return new MacroState(kv.Value.UniqueId, Hash(SqlText.Normalize(kv.Value.Sql)), [.. Identifier().Matches(kv.Value.Sql).Select(m => m.Value).Where(n => n != kv.Key && names.Contains(n)).Distinct(StringComparer.Ordinal)], [.. vars]);
            },
            StringComparer.Ordinal);
    }

    /// <summary>The macros a node calls, and those they call, by name.</summary>
    private static List<string> UsedMacros(Node node, Dictionary<string, MacroState> macros)
    {
        var direct = (node.Template?.CalledNames ?? []).Where(n => macros.ContainsKey(n)).ToList();
        if (node.Test is { IsGeneric: true } test && macros.ContainsKey("test_" + test.TestName))
        {
            direct.Add("test_" + test.TestName);
        }

        if (direct.Count == 0)
        {
            return direct;
        }

        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(direct);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (seen.Add(name))
            {
                foreach (var inner in macros[name].Calls)
                {
                    stack.Push(inner);
                }
            }
        }

        return [.. seen];
    }

    /// <summary>Vars (and env vars, as `env:NAME`) read by literal name, with their current values; a var read by a
    /// computed name could be any var, so the node then depends on all of them.</summary>
    private static void ReadVars(string text, IReadOnlyDictionary<string, object?> projectVars, Func<string, string?> environment, SortedList<string, string> into)
    {
        foreach (Match m in VarCall().Matches(text))
        {
            var isEnv = m.Groups["fn"].Value == "env_var";
            if (m.Groups["other"].Success)
            {
                if (!isEnv)
                {
                    foreach (var (k, v) in projectVars)
                    {
                        into[k] = ValueJson(v);
                    }
                }

                continue;
            }

            var name = m.Groups["name"].Value;
            if (isEnv)
            {
                into["env:" + name] = environment(name) is { } e ? JsonSerializer.Serialize(e) : "<unset>";
            }
            else
            {
                into[name] = projectVars.TryGetValue(name, out var v) ? ValueJson(v) : "<default>";
            }
        }
    }

    private static string ValueJson(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            ArtifactWriter.WriteValue(w, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string TestPart(Node node) => node.Test is { } t
        ? $"\n{t.TestName}|{t.ColumnName}|{(t.Args.Count == 0 ? "{}" : ValueJson(t.Args))}"
        : node.UnitTest is { } u ? "\n" + ValueJson(new Dictionary<string, object?> { ["given"] = u.Given.Select(g => (object?)new Dictionary<string, object?> { ["input"] = g.Input, ["rows"] = g.Rows.Rows.Cast<object?>().ToList() }).ToList(), ["expect"] = u.Expect.Rows.Cast<object?>().ToList(), ["overrides"] = u.Overrides }) : string.Empty;

    private static string SourcePart(Node node) => node.ResourceType == ResourceType.Source
        ? $"\n{node.ExternalLocation}|{node.ExternalFormat}|{node.ExternalReadOptions}|{string.Join(",", node.Columns.Select(c => $"{c.Name}:{c.DataType}"))}"
        : string.Empty;

    /// <summary>An enforced contract is its column names and types; a contract that is not enforced constrains nothing.</summary>
    private static string ContractPart(Node node) => ContractPart(node.Config.ContractEnforced, node.Columns);

    private static string ContractPart(bool enforced, IReadOnlyList<ColumnSpec> columns) => enforced
        ? "enforced\n" + string.Join("\n", columns.Select(c => $"{c.Name}:{c.DataType?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}"))
        : "off";

    /// <summary>The hex digits of SHA-256 that state.json keeps per checksum.</summary>
    private const int HashDigits = 32;

    private static readonly IReadOnlyDictionary<string, string> NoEntries = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The checksums every node without an enforced contract, and every node without description or columns
    /// (every generic test), shares.</summary>
    private static readonly string NoContractHash = Hash(ContractPart(enforced: false, []));

    private static readonly string NoDescriptionsHash = Hash("\n");

    public static string Hash(string text) => TextHash.Sha256Prefix(text, HashDigits);
}
