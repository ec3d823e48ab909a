using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`state:` selection against a previous target/ (`--state prev`): each sub-selector picks exactly what a
/// change affects; formatting-only edits select nothing; a var or a macro selects the nodes that read it.</summary>
public sealed class StateSelectionTests
{
    private static Dictionary<string, string> Files() => new()
    {
        ["project.yml"] = "name: proj\nprofile: test\nvars:\n  rate: 2\n  unused: 1\n",
        ["macros/money.sql"] = "{{ func cents(x) }}round({{ x }} * 100){{ end }}\n{{ func doubled_cents(x) }}({{ cents x }} * 2){{ end }}\n{{ func scaled(x) }}({{ x }} * {{ var('rate') }}){{ end }}\n",
        ["models/a.sql"] = "select 1 as id, 10 as amount",
        ["models/b.sql"] = "select id, {{ cents 'amount' }} as c from {{ ref('a') }}",
        ["models/c.sql"] = "select id, {{ doubled_cents 'amount' }} as d from {{ ref('a') }}",
        ["models/d.sql"] = "select id, amount * {{ var('rate') }} as r from {{ ref('a') }}",
        ["models/e.sql"] = "select id, {{ scaled 'amount' }} as s from {{ ref('b') }} join {{ ref('a') }} using (id)",
        ["models/f.sql"] = "select id from {{ ref('c') }}",
        ["models/schema.yml"] = "models:\n  - name: f\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: id\n        data_type: integer\n",
    };

    /// <summary>A project compiled once, its target/ kept as prev/ (the state).</summary>
    private static TestProject Baseline(Dictionary<string, string>? files = null)
    {
        var p = new TestProject(files ?? Files());
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        CopyDir(Path.Combine(p.Root, "target"), Path.Combine(p.Root, "prev"));
        return p;
    }

    internal static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }

    /// <summary>The model names `ls` selects with the state, sorted.</summary>
    private static List<string> Ls(TestProject p, string selector, params string[] extra)
    {
        var (exit, output) = p.Run(["ls", "-s", selector, "--state", Path.Combine(p.Root, "prev"), "--resource-type", "model", "--output", "name", .. extra]);
        Assert.True(exit == 0, output);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')).Order(StringComparer.Ordinal)];
    }

    /// <summary>`compile` begins its fingerprints as soon as the manifest is built, before any adapter is open, and adds
    /// the relation names after: its state.json is the one `run` writes from scratch, byte for byte.</summary>
    [Fact]
    public void The_state_compile_writes_early_is_the_state_run_writes()
    {
        using var p = Baseline();
        var compiled = File.ReadAllBytes(Path.Combine(p.Root, "target", "state.json"));
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        var ran = File.ReadAllBytes(Path.Combine(p.Root, "target", "state.json"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(ran), System.Text.Encoding.UTF8.GetString(compiled));
        Assert.Contains("\"relation_name\"", System.Text.Encoding.UTF8.GetString(compiled), StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_project_selects_nothing_and_everything_is_unmodified()
    {
        using var p = Baseline();
        Assert.Empty(Ls(p, "state:modified"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], Ls(p, "state:unmodified"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], Ls(p, "state:old"));
    }

    [Fact]
    public void Changed_sql_selects_the_model_and_graph_operators_extend_it()
    {
        using var p = Baseline();
        p.Write("models/c.sql", "select id, {{ doubled_cents 'amount' }} as d, 1 as extra from {{ ref('a') }}");
        Assert.Equal(["c"], Ls(p, "state:modified"));
        Assert.Equal(["c"], Ls(p, "state:modified.body"));
        Assert.Empty(Ls(p, "state:modified.configs"));
        Assert.Equal(["c", "f"], Ls(p, "state:modified+"));
        Assert.Equal(["a", "c"], Ls(p, "+state:modified"));
        Assert.Equal(["f"], Ls(p, "state:modified+,f"));
        Assert.Equal(["a", "b", "d", "e", "f"], Ls(p, "state:unmodified"));
    }

    [Fact]
    public void Whitespace_only_change_is_not_a_change()
    {
        using var p = Baseline();
        p.Write("models/b.sql", "select  id ,\n    {{cents 'amount'}}   as c\n\nfrom {{ ref( 'a' ) }}\n");
        Assert.Empty(Ls(p, "state:modified"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], Ls(p, "state:unmodified"));
    }

    [Fact]
    public void String_literal_whitespace_counts()
    {
        using var p = Baseline(new Dictionary<string, string>(Files()) { ["models/a.sql"] = "select 1 as id, 10 as amount, 'x y' as label" });
        p.Write("models/a.sql", "select 1 as id, 10 as amount, 'x  y' as label");
        Assert.Equal(["a"], Ls(p, "state:modified.body"));
    }

    [Fact]
    public void Changed_config_is_configs_not_body()
    {
        using var p = Baseline();
        p.Write("models/schema.yml", Files()["models/schema.yml"] + "  - name: d\n    config:\n      materialized: table\n");
        Assert.Equal(["d"], Ls(p, "state:modified"));
        Assert.Equal(["d"], Ls(p, "state:modified.configs"));
        Assert.Empty(Ls(p, "state:modified.body"));
        Assert.Empty(Ls(p, "state:modified.relation"));
    }

    [Fact]
    public void Changed_alias_is_relation()
    {
        using var p = Baseline();
        p.Write("models/schema.yml", Files()["models/schema.yml"] + "  - name: b\n    config:\n      alias: b_renamed\n");
        Assert.Equal(["b"], Ls(p, "state:modified.relation"));
    }

    [Fact]
    public void Changed_macro_selects_exactly_the_models_that_call_it_directly_or_through_another_macro()
    {
        using var p = Baseline();
        p.Write("macros/money.sql", Files()["macros/money.sql"].Replace("round({{ x }} * 100)", "round({{ x }} * 100, 0)", StringComparison.Ordinal));
        Assert.Equal(["b", "c"], Ls(p, "state:modified"));
        Assert.Equal(["b", "c"], Ls(p, "state:modified.macros"));
        Assert.Empty(Ls(p, "state:modified.body"));
        Assert.Equal(["b", "c", "e", "f"], Ls(p, "state:modified+"));
    }

    [Fact]
    public void Changed_var_selects_the_models_that_read_it_directly_or_through_a_macro()
    {
        using var p = Baseline();
        Assert.Equal(["d", "e"], Ls(p, "state:modified", "--vars", "{rate: 3}"));
        Assert.Equal(["d", "e"], Ls(p, "state:modified.vars", "--vars", "{rate: 3}"));
        Assert.Empty(Ls(p, "state:modified", "--vars", "{unused: 5}"));
        p.Write("project.yml", "name: proj\nprofile: test\nvars:\n  rate: 2.5\n  unused: 1\n");
        Assert.Equal(["d", "e"], Ls(p, "state:modified"));
    }

    [Fact]
    public void Changed_contract_is_contract()
    {
        using var p = Baseline();
        p.Write("models/schema.yml", Files()["models/schema.yml"].Replace("data_type: integer", "data_type: bigint", StringComparison.Ordinal));
        Assert.Equal(["f"], Ls(p, "state:modified.contract"));
        Assert.Equal(["f"], Ls(p, "state:modified"));
        Assert.Empty(Ls(p, "state:modified.body"));
    }

    [Fact]
    public void Description_change_counts_only_where_descriptions_are_persisted()
    {
        using var p = Baseline();
        p.Write("models/schema.yml", Files()["models/schema.yml"] + "  - name: d\n    description: now documented\n");
        Assert.Empty(Ls(p, "state:modified"));
        Assert.Empty(Ls(p, "state:modified.persisted_descriptions"));
    }

    [Fact]
    public void Description_change_of_a_model_with_persist_docs_is_persisted_descriptions()
    {
        var files = Files();
        files["models/schema.yml"] += "  - name: d\n    description: before\n    config:\n      persist_docs: {relation: true}\n";
        using var p = Baseline(files);
        p.Write("models/schema.yml", files["models/schema.yml"].Replace("description: before", "description: after", StringComparison.Ordinal));
        Assert.Equal(["d"], Ls(p, "state:modified.persisted_descriptions"));
        Assert.Equal(["d"], Ls(p, "state:modified"));
        Assert.Empty(Ls(p, "state:modified.body"));
    }

    [Fact]
    public void New_renamed_and_deleted_nodes()
    {
        using var p = Baseline();
        p.Write("models/g.sql", "select id from {{ ref('f') }}");
        File.Move(Path.Combine(p.Root, "models/d.sql"), Path.Combine(p.Root, "models/d2.sql"));
        p.Delete("models/e.sql");
        Assert.Equal(["d2", "g"], Ls(p, "state:new"));
        Assert.Equal(["d2", "g"], Ls(p, "state:modified"));
        var (exit, output) = p.Run("ls", "-s", "state:modified", "--state", Path.Combine(p.Root, "prev"));
        Assert.Equal(0, exit);
        Assert.Contains("warning NG0102: model 'd' (models/d.sql) is in the state but no longer in the project", output, StringComparison.Ordinal);
        Assert.Contains("warning NG0102: model 'e' (models/e.sql) is in the state but no longer in the project", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_file_to_another_folder_is_not_a_change()
    {
        using var p = Baseline();
        Directory.CreateDirectory(Path.Combine(p.Root, "models/sub"));
        File.Move(Path.Combine(p.Root, "models/d.sql"), Path.Combine(p.Root, "models/sub/d.sql"));
        Assert.Empty(Ls(p, "state:modified"));
    }

    [Fact]
    public void Unknown_state_value_is_an_error_with_a_suggestion()
    {
        using var p = Baseline();
        var (exit, output) = p.Run("ls", "-s", "state:modifed", "--state", Path.Combine(p.Root, "prev"));
        Assert.Equal(2, exit);
        Assert.Contains("error NG0040: unknown state selector 'state:modifed'", output, StringComparison.Ordinal);
        Assert.Contains("did you mean 'modified'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("build")]
    [InlineData("test")]
    [InlineData("seed")]
    [InlineData("compile")]
    public void Every_executing_verb_takes_state_selection(string verb)
    {
        using var p = Baseline();
        Assert.Equal(0, p.Run("run").Exit);
        p.Write("models/f.sql", "select id, 2 as two from {{ ref('c') }}");
        p.Write("models/schema.yml", Files()["models/schema.yml"] + "      - name: two\n        data_type: integer\n");
        var (exit, output) = p.Run(verb, "-s", "state:modified", "--state", Path.Combine(p.Root, "prev"));
        Assert.True(exit == 0, output);
        if (verb is "run" or "build")
        {
            Assert.Contains("model main.f", output, StringComparison.Ordinal);
            Assert.DoesNotContain("model main.c", output, StringComparison.Ordinal);
        }
    }
}
