using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Each render gets its own writable scope over the read-only macros: a variable assigned in one model (or in a
/// macro it calls) is never visible to another model, whatever the thread timing.</summary>
public sealed class ScopeIsolationTests
{
    [Fact]
    public void A_variable_assigned_in_one_model_is_not_visible_in_another()
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 40; i++)
        {
            files[$"models/a_w{i:00}.sql"] = "{{ shared_x = 'leak' }}select 1 as id\n";
            files[$"models/z_r{i:00}.sql"] = "select '{{ shared_x }}' as v\n";
        }

        using var p = new TestProject(files);
        for (var run = 0; run < 3; run++)
        {
            var (exit, output) = p.Run("compile");
            Assert.Equal(2, exit);
            // Every reader fails, every time: none sees the writers' variable.
            Assert.Equal(40, output.Split('\n').Count(l => l.Contains("shared_x", StringComparison.Ordinal) && l.Contains("error NG", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Each_model_sees_only_its_own_assignments_between_macro_calls()
    {
        var files = new Dictionary<string, string>
        {
            ["macros/pad.sql"] = "{{ func pad(v) }}{{ ret v + '' }}{{ end }}\n",
        };
        for (var i = 0; i < 120; i++)
        {
            // Assign, call a macro (a render yields time to other threads), then read: a shared scope mixes the values.
            files[$"models/m{i:000}.sql"] = $"{{{{ who = 'm{i:000}' }}}}{{{{ for k in 1..20 }}}}{{{{ pad(k) }}}}{{{{ end }}}}\nselect '{{{{ who }}}}' as who\n";
        }

        using var p = new TestProject(files);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        for (var i = 0; i < 120; i++)
        {
            Assert.Contains($"'m{i:000}' as who", p.Read($"target/compiled/proj/models/m{i:000}.sql"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_manifest_macro_scope_is_read_only_after_a_compile()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["macros/m.sql"] = "{{ func one() }}1{{ end }}\n",
            ["models/a.sql"] = "{{ x = one() }}select {{ x }} as id\n",
        });
        var load = Ngdbt.Cli.Commands.CliAdapters.Engine.Load(new Ngdbt.Load.LoadOptions(p.Root));
        Assert.True(load.Success);
        var manifest = Ngdbt.Manifest.ManifestBuilder.Build(load.Project!).Manifest!;
        using var adapter = new Ngdbt.Adapters.DuckDb.DuckDbAdapter(load.Project!.Target);
        var before = manifest.MacroScope.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var ids = manifest.Nodes.Keys.Where(k => k.StartsWith("model.", StringComparison.Ordinal)).ToList();
        var compiled = Ngdbt.Compile.Compiler.Compile(manifest, ids, new Ngdbt.Compile.CompileOptions(adapter.Dialect, new HashSet<Ngdbt.Adapters.RelationRef>(), false, new Dictionary<Ngdbt.Adapters.RelationRef, IReadOnlyList<Ngdbt.Adapters.ColumnInfo>>()));
        Assert.Empty(compiled.Diagnostics);
        Assert.Equal(before, manifest.MacroScope.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList());
        Assert.True(manifest.MacroScope.IsReadOnly);
    }
}
