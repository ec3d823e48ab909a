using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>On DuckDB, whose memory_limit every running statement shares, a node whose table inputs hold more rows
/// than memory_limit / 100 bytes runs alone; smaller ones run side by side.</summary>
public sealed class DuckDbMemoryTests
{
    [Fact]
    public void A_node_reading_more_rows_than_the_memory_limit_allows_runs_alone()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: 4\n      settings:\n        memory_limit: 20MiB\n",
            ["models/big.sql"] = "{{ config(materialized: 'table') }}\nselect range as id from range(250000)\n",
            ["models/small.sql"] = "{{ config(materialized: 'table') }}\nselect range as id from range(1000)\n",
            ["models/reads_big.sql"] = "{{ config(materialized: 'table') }}\nselect count(*) as n from {{ ref('big') }}\n",
            ["models/reads_small.sql"] = "{{ config(materialized: 'table') }}\nselect count(*) as n from {{ ref('small') }}\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Contains("START table model main.reads_big alone (its inputs hold 250,000 rows, more than memory_limit / 100 bytes = 209,715)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("main.reads_small alone", output, StringComparison.Ordinal);
        Assert.DoesNotContain("main.big alone", output, StringComparison.Ordinal);
        Assert.Equal(250000L, p.Scalar("select n from main.reads_big"));
    }

    [Fact]
    public void Freed_memory_is_handed_back_sooner_unless_the_profile_says_otherwise()
    {
        var model = "{{ config(materialized: 'table') }}\nselect current_setting('allocator_flush_threshold') as flush, current_setting('allocator_bulk_deallocation_flush_threshold') as bulk\n";
        using var defaults = new TestProject(new Dictionary<string, string> { ["models/settings.sql"] = model });
        var (exit, output) = defaults.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal("32.0 MiB", defaults.Scalar("select flush from main.settings"));
        Assert.Equal("64.0 MiB", defaults.Scalar("select bulk from main.settings"));

        using var chosen = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      settings:\n        allocator_flush_threshold: 256MiB\n",
            ["models/settings.sql"] = model,
        });
        (exit, output) = chosen.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal("256.0 MiB", chosen.Scalar("select flush from main.settings"));
        Assert.Equal("64.0 MiB", chosen.Scalar("select bulk from main.settings"));
    }

    [Fact]
    public void The_file_engine_spills_under_the_system_temp_folder_not_the_current_one()
    {
        using var engine = Ngdbt.Adapters.DuckDb.DuckDbAdapterFactory.FileEngine();
        using var connection = engine.Connect();
        var folder = Assert.IsType<string>(connection.Query("select current_setting('temp_directory')").Rows[0][0]);
        Assert.Equal(Ngdbt.Adapters.DuckDb.DuckDbAdapterFactory.FileEngineSpill, folder);
        Assert.StartsWith(Path.GetTempPath(), folder, StringComparison.Ordinal);
    }
}
