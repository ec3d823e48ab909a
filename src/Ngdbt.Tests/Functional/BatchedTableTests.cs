using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Tables built in batches of a key (`batches`, `batch_rows`, `batch_key`): the same rows as one statement
/// when the model only combines rows that share the key, the inputs without a key read whole, the count chosen from
/// the rows at run time, and a failing batch leaving the previous table. Runs once per adapter.</summary>
public abstract class BatchedTableTests(TestTarget target)
{
    private const string Events = "{{ config(materialized: 'table', batch_key: 'k') }}\nselect 'k' || cast(i % 7 as varchar) as k, i, cast(i as decimal(19,4)) * 0.25 as amount from {{ range_rows(40) }}\n";

    private const string Dim = "{{ config(materialized: 'table') }}\nselect 'k' || cast(i as varchar) as k, 'label ' || cast(i as varchar) as label from {{ range_rows(7) }}\n";

    private const string Macros = "{{ func duckdb__range_rows(n) }}(select range as i from range({{ n }})) as r{{ end }}\n{{ func postgres__range_rows(n) }}(select i from generate_series(0, {{ n }} - 1) as i) as r{{ end }}\n";

    // A window and an aggregate partitioned by the key, joined to an input without a key (read whole in every batch),
    // plus count(*) over () which is not partitioned by the key: it counts the batch's rows, so it shows the batches.
    private const string Joined = "select e.k, e.i, d.label, sum(e.amount) over (partition by e.k) as k_total, row_number() over (partition by e.k order by e.i) as rn, count(*) over () as rows_in_statement\nfrom {{ ref('events') }} as e inner join {{ ref('dim') }} as d on d.k = e.k\n";

    private TestProject NewProject(string joinedConfig) => new(new Dictionary<string, string>
    {
        ["macros/range.sql"] = Macros,
        ["models/events.sql"] = Events,
        ["models/dim.sql"] = Dim,
        ["models/joined.sql"] = $"{{{{ config(materialized: 'table', {joinedConfig}) }}}}\n{Joined}",
        ["models/whole.sql"] = "{{ config(materialized: 'table') }}\n" + Joined,
    }, "proj", target);

    private static long Long(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Rows(TestProject p, string relation)
        => string.Join("\n", p.Query($"select k, i, label, k_total, rn from {relation} order by k, i").Select(r => string.Join("|", r)));

    [Fact]
    public void A_table_in_batches_has_the_rows_of_one_statement_and_reads_each_keyed_input_by_batch()
    {
        using var p = NewProject("batches: 3");
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Contains("OK created table model main.joined", output, StringComparison.Ordinal);
        Assert.Contains("SELECT 40 in 3 batches", output, StringComparison.Ordinal);
        Assert.Equal(Rows(p, "main.whole"), Rows(p, "main.joined"));
        Assert.Equal(40L, Long(p.Scalar("select count(*) from main.joined")));
        // Each batch saw only its keys' rows: no statement saw all 40, and the three statements together saw 40.
        var perStatement = p.Query("select rows_in_statement, count(*) from main.joined group by rows_in_statement").Select(r => (Long(r[0]), Long(r[1]))).ToList();
        Assert.All(perStatement, s => Assert.True(s.Item1 < 40 && s.Item2 % s.Item1 == 0, $"{s.Item2} rows were built by statements that saw {s.Item1} rows"));
        Assert.InRange(perStatement.Sum(s => s.Item2 / s.Item1), 2, 3);
        Assert.Equal(40L, perStatement.Sum(s => s.Item2));
        Assert.Equal(40L, Long(p.Scalar("select max(rows_in_statement) from main.whole")));
    }

    [Fact]
    public void Batch_rows_picks_the_number_of_batches_from_the_largest_keyed_input_at_run_time()
    {
        using var p = NewProject("batch_rows: 15");
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Contains("SELECT 40 in 3 batches", output, StringComparison.Ordinal);
        Assert.Equal(Rows(p, "main.whole"), Rows(p, "main.joined"));

        p.Write("models/joined.sql", $"{{{{ config(materialized: 'table', batch_rows: 1000) }}}}\n{Joined}");
        (exit, output) = p.Run("run", "-s", "joined");
        Assert.True(exit == 0, output);
        Assert.Contains("OK created table model main.joined", output, StringComparison.Ordinal);
        Assert.DoesNotContain("batches", output, StringComparison.Ordinal);
        Assert.Equal(40L, Long(p.Scalar("select max(rows_in_statement) from main.joined")));
    }

    [Fact]
    public void A_failing_batch_keeps_the_previous_table()
    {
        using var p = NewProject("batches: 4");
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        // Only one key's rows fail (a cast of text to a number): the batch holding it fails, whichever it is.
        p.Write("models/joined.sql", "{{ config(materialized: 'table', batches: 4) }}\nselect e.k, e.i, cast(case when e.k = 'k6' then 'x' else '1' end as integer) as boom from {{ ref('events') }} as e\n");
        (exit, output) = p.Run("run", "-s", "joined");
        Assert.Equal(1, exit);
        Assert.Contains("error NG0030: database error in joined", output, StringComparison.Ordinal);
        Assert.Equal(40L, Long(p.Scalar("select count(*) from main.joined where label is not null")));
    }

    [Fact]
    public void Wrong_batch_configs_are_errors_before_anything_is_built()
    {
        using var p = NewProject("batches: 3");
        p.Write("models/joined.sql", "{{ config(materialized: 'table', batches: 3) }}\nselect k from {{ ref('dim') }}\n");
        p.Write("models/viewed.sql", "{{ config(batches: 2) }}\nselect k from {{ ref('events') }}\n");
        p.Write("models/both.sql", "{{ config(materialized: 'table', batches: 2, batch_rows: 10) }}\nselect k from {{ ref('events') }}\n");
        p.Write("models/odd.sql", "{{ config(materialized: 'table', batches: 'many', batch_key: 3) }}\nselect k from {{ ref('events') }}\n");
        p.Write("models/none.sql", "{{ config(materialized: 'table', batch_rows: 0) }}\nselect k from {{ ref('events') }}\n");
        p.Write("models/keys.sql", "{{ config(materialized: 'ephemeral') }}\nselect k from {{ ref('events') }}\n");
        p.Write("models/through_ephemeral.sql", "{{ config(materialized: 'table', batches: 2) }}\nselect k from {{ ref('keys') }}\n");
        var (exit, output) = p.Run("run");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0074: model 'joined' is built in batches but none of its refs declares a batch_key", output, StringComparison.Ordinal);
        Assert.Contains("error NG0025: model 'viewed': batches applies to table models; a view model is built in one statement", output, StringComparison.Ordinal);
        Assert.Contains("error NG0025: model 'both': set batches (a fixed number) or batch_rows (rows per batch), not both", output, StringComparison.Ordinal);
        Assert.Contains("error NG0025: model 'odd': batches must be a whole number from 1 to 4096, not 'many'", output, StringComparison.Ordinal);
        Assert.Contains("error NG0025: model 'odd': batch_key must be a column name (a string), not '3'", output, StringComparison.Ordinal);
        Assert.Contains("error NG0025: model 'none': batch_rows must be a whole number of rows from 1, not '0'", output, StringComparison.Ordinal);
        Assert.Contains("error NG0074: model 'through_ephemeral' is built in batches but reads the ephemeral model 'keys', whose inputs cannot be read by batch", output, StringComparison.Ordinal);
        Assert.Empty(p.Query("select table_name from information_schema.tables where table_schema = 'main'"));
    }
}

public sealed class BatchedTableTestsOnDuckDb() : BatchedTableTests(TestTarget.DuckDb);

public sealed class BatchedTableTestsOnPostgres() : BatchedTableTests(TestTarget.Postgres);
