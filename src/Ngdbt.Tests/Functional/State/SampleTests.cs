using System.Globalization;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`--sample`: a dev run on a time window. Sources are filtered on their `loaded_at_field`, models on their
/// `event_time` config; inputs without one are read whole; a window that is not one is a usage error.</summary>
public sealed class SampleTests
{
    private static Dictionary<string, string> Files()
    {
        var now = DateTime.UtcNow;
        string At(TimeSpan back) => (now - back).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return new()
        {
            ["data/orders.csv"] = $"id,amount,created\n1,10.0000,{At(TimeSpan.FromHours(2))}\n2,20.0000,{At(TimeSpan.FromDays(5))}\n3,30.0000,2026-01-10 08:00:00\n4,40.0000,2026-01-12 23:59:59\n",
            ["data/rates.csv"] = "code,rate\nUSD,1\nEUR,2\n",
            ["models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: orders\n        loaded_at_field: created\n        meta:\n          external_location: \"data/orders.csv\"\n          format: csv\n      - name: rates\n        meta:\n          external_location: \"data/rates.csv\"\n          format: csv\n",
            ["models/stg_orders.sql"] = "{{ config(materialized: 'table', event_time: 'created') }}\nselect id, cast(amount as decimal(19,4)) as amount, cast(created as timestamp) as created from {{ source('raw', 'orders') }}",
            ["models/stg_rates.sql"] = "{{ config(materialized: 'table') }}\nselect * from {{ source('raw', 'rates') }}",
            ["models/fct.sql"] = "{{ config(materialized: 'table') }}\nselect count(*) as orders, sum(amount) as amount, (select count(*) from {{ ref('stg_rates') }}) as rates from {{ ref('stg_orders') }}",
        };
    }

    [Fact]
    public void Sample_reads_only_the_window_of_inputs_with_an_event_time()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("build", "--sample", "1 day");
        Assert.True(exit == 0, output);
        Assert.Equal(1L, Convert.ToInt64(p.Scalar("select count(*) from main.stg_orders"), CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(p.Scalar("select count(*) from main.stg_rates"), CultureInfo.InvariantCulture));
        Assert.Equal(10.0000m, p.Scalar("select amount from main.fct"));
        Assert.Equal(2L, Convert.ToInt64(p.Scalar("select rates from main.fct"), CultureInfo.InvariantCulture));

        // An absolute window: a date-only end includes its whole day.
        (exit, output) = p.Run("build", "--sample", "2026-01-10..2026-01-12");
        Assert.True(exit == 0, output);
        Assert.Equal(70.0000m, p.Scalar("select amount from main.fct"));

        // Without --sample everything is read.
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(4L, Convert.ToInt64(p.Scalar("select orders from main.fct"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("3 fortnights")]
    [InlineData("2026-02-01..2026-01-01")]
    [InlineData("0 days")]
    public void A_sample_that_is_not_a_window_is_a_usage_error(string window)
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("build", "--sample", window);
        Assert.Equal(2, exit);
        Assert.Contains($"error NG0041: --sample '{window}'", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(p.Root, "target", "run_results.json")));
    }
}
