using System.Diagnostics;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Ctrl+C / SIGTERM during a PostgreSQL build: the running statement is cancelled on the server (not left to
/// run on), the process ends, and the previous table is intact.</summary>
public sealed class PostgresCancelTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_cancels_the_running_statement_on_the_server(string signal)
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/slow.sql"] = "{{ config(materialized: 'table') }}\nselect {{ var('v', 1) }} as v\n",
        }, target: TestTarget.Postgres);
        Assert.Equal(0, p.Run("run").Exit);
        p.Write("models/slow.sql", "{{ config(materialized: 'table') }}\nselect 2 as v, (select count(*) from pg_sleep(60)) as marker_ngdbt_cancel\n");

        // Through `env --default-signal`: a test run started in the background (`bash .ci/run &`, nohup) inherits SIGINT
        // ignored, as Unix does for background jobs, and .NET keeps an ignored SIGINT ignored; a user's Ctrl+C in a
        // terminal reaches a process with the default disposition, which is what this test is about.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "ngdbt.dll"), "run", "--project-dir", p.Root })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Wait (bounded) until the statement is running on the server, then signal the process.
        if (!WaitFor(() => RunningSleeps(p) == 1, TimeSpan.FromSeconds(30)))
        {
            Assert.Fail("the slow statement never started: " + (process.HasExited ? await stdout + await stderr : "still running"));
        }
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "ngdbt did not stop within 10 s of SIG" + signal);
        Assert.NotEqual(0, process.ExitCode);
        Assert.True(WaitFor(() => RunningSleeps(p) == 0, TimeSpan.FromSeconds(5)), "the statement kept running on the server");
        Assert.Equal(1, p.Scalar("select v from main.slow"));
    }

    private static long RunningSleeps(TestProject p)
        => (long)p.Scalar("select count(*) from pg_stat_activity where datname = current_database() and query like '%marker_ngdbt_cancel%' and query not like '%pg_stat_activity%'")!;

    /// <summary>Polls a condition until it holds or the time is up (no fixed sleeps).</summary>
    private static bool WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Yield();
        }

        return condition();
    }
}
