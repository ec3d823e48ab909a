using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Parse;

namespace Ngdbt.Manifest;

internal sealed partial class Linker
{
    public static readonly IReadOnlySet<string> BuiltinTests = new HashSet<string>(StringComparer.Ordinal) { "not_null", "unique", "relationships", "accepted_values" };

    [GeneratedRegex(@"ref\(\s*['""](?<name>[A-Za-z0-9_]+)['""]\s*\)")]
    private static partial Regex RefInArgument();

    private void AddSingularTests()
    {
        foreach (var file in project.FilesOf(ProjectFileKind.Test).Where(f => !f.PathInResourceDir.StartsWith("generic/", StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(file.Path);
            var template = templates.GetValueOrDefault(file.Path);
            var config = MergeConfig(project.Config.Tests, file.PathInResourceDir, null, null, template, "test");
            TryAdd(new Node
            {
                UniqueId = $"test.{_project}.{name}",
                ResourceType = ResourceType.Test,
                Name = name,
                PackageName = _project,
                FilePath = file.Path,
                PathInResourceDir = file.PathInResourceDir,
                Config = config,
                Schema = project.Target.Schema + "_dbt_test__audit",
                Identifier = name,
                Template = template,
                RawCode = file.Text,
                Test = new TestInfo(name, false, new Dictionary<string, object?>(), null, null),
                Fqn = [_project, name],
                Span = new SourceSpan(file.Path, 1, 1),
            });
        }
    }

    private void AddGenericTests(Dictionary<string, ResourceDoc> modelDocs, Dictionary<string, ResourceDoc> seedDocs)
    {
        var work = new List<(DataTestSpec Spec, Node Target)>();
        foreach (var doc in modelDocs.Values.Concat(seedDocs.Values))
        {
            if (_relationsByName.GetValueOrDefault(doc.Name) is { } target)
            {
                work.AddRange(doc.Tests.Concat(doc.Columns.SelectMany(c => c.Tests)).Select(spec => (spec, target)));
            }
        }

        var tables = docs.SelectMany(d => d.Sources).SelectMany(s => s.Tables.Select(t => (Key: (s.Name, t.Name), Table: t)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Table);
        foreach (var source in _nodes.Values.Where(n => n.ResourceType == ResourceType.Source).ToList())
        {
            var table = tables.GetValueOrDefault((source.SourceName!, source.Name));
            work.AddRange((table?.Tests ?? []).Concat(source.Columns.SelectMany(c => c.Tests)).Select(spec => (spec, source)));
        }

        // Test nodes are prepared in parallel; names are given in order, since a clash renames the later test.
        var prepared = new (Node Node, string Hash)?[work.Count];
        Parallel.For(0, work.Count, i => prepared[i] = PrepareGenericTest(work[i].Spec, work[i].Target));
        foreach (var (node, hash) in prepared.OfType<(Node, string)>())
        {
            var name = _testNames.Contains(node.Name) ? node.Name + "_" + hash[..6] : node.Name;
            Register(node with { Name = name, Identifier = name == node.Name ? node.Identifier : name, UniqueId = $"test.{_project}.{name}.{hash}", Fqn = [_project, name] });
        }
    }

    /// <summary>Builds a generic test node under its base name (`unique_stg_stripe_stripe_id`) with the hash of its
    /// definition; the caller settles name clashes.</summary>
    private (Node Node, string Hash)? PrepareGenericTest(DataTestSpec spec, Node target)
    {
        var testName = spec.TestName.Contains('.') ? spec.TestName[(spec.TestName.LastIndexOf('.') + 1)..] : spec.TestName;
        if (!BuiltinTests.Contains(testName) && !macros.ContainsKey("test_" + testName))
        {
            var known = BuiltinTests.Concat(macros.Keys.Where(k => k.StartsWith("test_", StringComparison.Ordinal)).Select(k => k[5..]));
            diagnostics.Error(DiagnosticCodes.UnknownTest, spec.Span, $"unknown test '{testName}'{Suggest.Hint(Suggest.Closest(testName, known))} (generic tests are built-in or macros named test_<name> in macros/ or tests/generic/)");
            return null;
        }

        // dbt's names and hashes, so unique ids equal dbt's for the same YAML (DbtTestNames).
        var identity = DbtTestNames.Compute(spec.TestName, target.Name, target.ResourceType == ResourceType.Source ? target.SourceName : null, spec.ColumnName, spec.Args);
        var (baseName, hash) = (identity.Name, identity.Hash);
        var dependsOn = new List<string> { target.UniqueId };
        foreach (var value in spec.Args.Values.OfType<string>())
        {
            foreach (Match m in RefInArgument().Matches(value))
            {
                dependsOn.Add("ref:" + m.Groups["name"].Value);
            }
        }

        var config = MergeConfig(project.Config.Tests, target.PathInResourceDir, spec.Config, spec.Config.Keys.ToDictionary(k => k, _ => spec.Span), null, "test", new Dictionary<string, object?> { ["tags"] = target.Tags.Cast<object?>().ToList() });
        return (new Node
        {
            UniqueId = $"test.{_project}.{baseName}.{hash}",
            ResourceType = ResourceType.Test,
            Name = baseName,
            PackageName = _project,
            FilePath = spec.Span.File,
            PathInResourceDir = spec.Span.File,
            Config = config,
            Schema = project.Target.Schema + "_dbt_test__audit",
            Identifier = identity.Alias,
            DependsOn = dependsOn,
            Test = new TestInfo(testName, true, spec.Args, target.UniqueId, spec.ColumnName) { Kwargs = identity.Kwargs },
            Fqn = [_project, baseName],
            Span = spec.Span,
        }, hash);
    }

    private void AddUnitTests()
    {
        foreach (var doc in docs)
        {
            foreach (var unit in doc.UnitTests)
            {
                var modelId = $"model.{_project}.{unit.Spec.Model}";
                TryAdd(new Node
                {
                    UniqueId = $"unit_test.{_project}.{unit.Spec.Model}.{unit.Name}",
                    ResourceType = ResourceType.UnitTest,
                    Name = unit.Name,
                    PackageName = _project,
                    FilePath = doc.File,
                    PathInResourceDir = doc.File,
                    Config = NodeConfig.Merge([FixedMaterializations["unit"]]),
                    Schema = project.Target.Schema,
                    Identifier = unit.Name,
                    Description = unit.Description ?? string.Empty,
                    DependsOn = ["ref:" + unit.Spec.Model],
                    UnitTest = unit.Spec,
                    Fqn = [_project, unit.Spec.Model, unit.Name],
                    Span = unit.Spec.Span,
                });
            }
        }
    }
}
