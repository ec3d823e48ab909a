using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`--empty`: models build from zero-row inputs (refs and sources read no rows), so a SQL or contract error
/// shows up without processing data.</summary>
public sealed class EmptyTests
{
    private static Dictionary<string, string> Files(string fct) => new()
    {
        ["data/orders.csv"] = "id,amount\n1,10.5000\n2,20.2500\n",
        ["models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: orders\n        meta:\n          external_location: \"data/orders.csv\"\n          format: csv\n",
        ["models/stg.sql"] = "{{ config(materialized: 'table') }}\nselect id, cast(amount as decimal(19,4)) as amount from {{ source('raw', 'orders') }}",
        ["models/fct.sql"] = fct,
        ["models/schema.yml"] = "models:\n  - name: fct\n    config:\n      materialized: table\n      contract: {enforced: true}\n    columns:\n      - {name: id, data_type: BIGINT, tests: [not_null, unique]}\n      - {name: amount, data_type: \"DECIMAL(19,4)\"}\n",
    };

    [Fact]
    public void Empty_build_creates_every_model_with_zero_rows()
    {
        using var p = new TestProject(Files("select o.id, o.amount from {{ ref('stg') }} as o join {{ ref('stg') }} s using (id)"));
        var (exit, output) = p.Run("build", "--empty");
        Assert.True(exit == 0, output);
        Assert.Equal(0L, p.Scalar("select count(*) from main.stg"));
        Assert.Equal(0L, p.Scalar("select count(*) from main.fct"));
        Assert.Contains("where false)", p.Read("target/compiled/proj/models/fct.sql"), StringComparison.Ordinal);

        // Without --empty the same project builds the rows.
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(2L, p.Scalar("select count(*) from main.fct"));
    }

    [Fact]
    public void Empty_build_catches_a_sql_error()
    {
        using var p = new TestProject(Files("select id, amount, no_such_column from {{ ref('stg') }}"));
        var (exit, output) = p.Run("build", "--empty");
        Assert.True(exit == 1, output);
        Assert.Contains("error NG0030", output, StringComparison.Ordinal);
        Assert.Contains("no_such_column", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_build_catches_a_contract_violation()
    {
        using var p = new TestProject(Files("select id, cast(amount as double) as amount from {{ ref('stg') }}"));
        var (exit, output) = p.Run("run", "--empty");
        Assert.True(exit == 1, output);
        Assert.Contains("error NG0050", output, StringComparison.Ordinal);
    }
}
