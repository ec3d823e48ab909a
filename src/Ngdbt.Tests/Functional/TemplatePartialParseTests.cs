using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Partial parsing of templates (target/partial_parse.templates.json) and the rendered-SQL cache
/// (target/partial_parse.rendered.json): after each kind of change, a compile with the caches leaves exactly what one
/// without them leaves.</summary>
public sealed class TemplatePartialParseTests
{
    internal const string Profiles = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: 4\n    other:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: 4\n";

    internal const string ModelB = "{{ config(tags: ['t1']) }}\n-- {{ this }} on {{ target.name }}\nselect id as marker_b, {{ money('amount') }} as amount from {{ ref('a') }}\nwhere id < {{ var('cutoff') }} + (select count(*) from {{ source('raw', 'events') }})\n";

    internal static Dictionary<string, string> Files() => new()
    {
        ["project.yml"] = "name: proj\nprofile: test\nvars:\n  cutoff: 10\n",
        ["profiles.yml"] = Profiles,
        ["models/a.sql"] = "select {{ var('cutoff') }} as id, {{ money('1.5') }} as amount\n",
        ["models/b.sql"] = ModelB,
        ["models/sources.yml"] = "sources:\n  - name: raw\n    schema: main\n    tables:\n      - name: events\n        identifier: a\n",
        ["macros/money.sql"] = "{{ func money(x) }}cast({{ x }} as decimal(19,4)){{ end }}\n",
    };

    public static TheoryData<string> Changes() =>
    [
        "template edit", "macro edit", "var in project.yml", "var on the command line", "target", "folder config", "alias of a parent",
        "source identifier", "model added", "model removed", "model renamed", "jinja file", "incremental after a run", "nothing",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void After_a_change_a_compile_with_the_caches_equals_one_without(string change)
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.True(File.Exists(Path.Combine(p.Root, "target", "partial_parse.templates.json")));
        Assert.True(File.Exists(Path.Combine(p.Root, "target", "partial_parse.rendered.json")));
        var args = Apply(p, change);
        var cached = PartialParseTests.Outcome(p, args);
        foreach (var cache in Directory.GetFiles(Path.Combine(p.Root, "target"), "partial_parse.*"))
        {
            File.Delete(cache);
        }

        Assert.Equal(PartialParseTests.Outcome(p, args), cached);
    }

    /// <summary>Makes one kind of change; returns the compile's arguments.</summary>
    internal static string[] Apply(TestProject p, string change)
    {
        switch (change)
        {
            case "template edit": p.Write("models/b.sql", ModelB.Replace("marker_b", "marker_b2", StringComparison.Ordinal)); break;
            case "macro edit": p.Write("macros/money.sql", "{{ func money(x) }}cast({{ x }} as decimal(19,2)){{ end }}\n"); break;
            case "var in project.yml": p.Write("project.yml", Files()["project.yml"].Replace("cutoff: 10", "cutoff: 20", StringComparison.Ordinal)); break;
            case "var on the command line": return ["compile", "--vars", "{cutoff: 30}"];
            case "target": return ["compile", "--target", "other"];
            case "folder config": p.Write("project.yml", Files()["project.yml"] + "models:\n  proj:\n    b:\n      +alias: b_alias\n      +schema: extra\n"); break;
            case "alias of a parent": p.Write("models/a.sql", "{{ config(alias: 'a_alias') }}\n" + Files()["models/a.sql"]); break;
            case "source identifier": p.Write("models/sources.yml", Files()["models/sources.yml"].Replace("identifier: a", "identifier: a_raw", StringComparison.Ordinal)); break;
            case "model added": p.Write("models/c.sql", "select marker_b from {{ ref('b') }}\n"); break;
            case "model removed": p.Delete("models/b.sql"); break;
            case "model renamed": p.Delete("models/b.sql"); p.Write("models/sub/b.sql", ModelB); break;
            case "jinja file":
                p.Write("project.yml", Files()["project.yml"] + "template-language: auto\n");
                p.Write("models/j.sql", "select {{ var('cutoff') }} as id {% if var('cutoff') > 5 %}, 1 as big{% endif %}\n");
                break;
            case "incremental after a run":
                p.Write("models/b.sql", "{{ config(materialized: 'incremental') }}\n" + ModelB + "{{ if is_incremental() }}and id > (select max(marker_b) from {{ this }}){{ end }}\n");
                Assert.Equal(0, p.Run("compile").Exit);
                Assert.Equal(0, p.Run("run").Exit);
                break;
            case "nothing": break;
            default: throw new ArgumentException(change);
        }

        return ["compile"];
    }
}
