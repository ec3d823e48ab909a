using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt debug` on a PostgreSQL target: the server's version when it connects, the password masked, and a
/// clear error with exit 2 (never a stack trace) for each way a connection fails.</summary>
public sealed class PostgresDebugTests
{
    private static TestProject Project(string user, string password, string database, int? port = null)
    {
        var server = PostgresServer.Instance;
        return new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = $"test:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n      port: {port ?? server.Port}\n      user: {user}\n      password: \"{{{{ env_var('NGDBT_TEST_PG_PASSWORD', '{password}') }}}}\"\n      dbname: {database}\n      connect_timeout: 3\n",
            ["models/a.sql"] = "select 1 as id\n",
        }, target: TestTarget.Postgres);
    }

    [Fact]
    public void Debug_reports_the_server_version_with_the_password_masked()
    {
        using var p = Project(PostgresServer.SecureUser, PostgresServer.SecurePassword, PostgresServer.SecureUser);
        var (exit, output) = p.Run("debug");
        Assert.True(exit == 0, output);
        Assert.Contains("Connection: OK (PostgreSQL 15", output, StringComparison.Ordinal);
        Assert.Contains("password: ********", output, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.SecurePassword, output, StringComparison.Ordinal);
        var build = p.Run("build");
        Assert.True(build.Exit == 0, build.Output);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(p.Root, "target"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(PostgresServer.SecurePassword, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("wrong-password", "authentication failed: password authentication failed for user \"ngdbt_secure\"")]
    [InlineData("missing-database", "database does not exist: database \"no_such_db\" does not exist")]
    [InlineData("unreachable", "cannot reach the server:")]
    public void A_connection_that_fails_is_a_clear_error_with_exit_2(string kind, string message)
    {
        using var p = kind switch
        {
            "wrong-password" => Project(PostgresServer.SecureUser, "not-the-password", "postgres"),
            "missing-database" => Project("postgres", string.Empty, "no_such_db"),
            _ => Project("postgres", string.Empty, "postgres", port: 1),
        };
        foreach (var verb in new[] { "debug", "build" })
        {
            var (exit, output) = p.Run(verb);
            Assert.True(exit == 2, output);
            Assert.Contains("profiles.yml: error NG0034: ", output, StringComparison.Ordinal);
            Assert.Contains(message, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-password", output, StringComparison.Ordinal);
        }
    }

    /// <summary>With --state the compile skips the reuse check and meets the dead server itself: it fails, and the last
    /// state.json stays as it was (the compile fingerprints state.json beside the render but writes it only after).</summary>
    [Fact]
    public void A_compile_that_cannot_reach_the_server_leaves_the_last_state_file_alone()
    {
        using var p = Project("postgres", string.Empty, "postgres", port: 1);
        var empty = new Ngdbt.State.ProjectState("test", "postgres", "dev", "postgres", null, new Dictionary<string, Ngdbt.State.NodeState>());
        Ngdbt.State.StateFile.Write(Path.Combine(p.Root, "prev"), empty);
        var last = Ngdbt.State.StateFile.Write(Path.Combine(p.Root, "target"), empty with { ProjectName = "the last one" });
        var before = File.ReadAllBytes(last);
        var (exit, output) = p.Run("compile", "--state", Path.Combine(p.Root, "prev"));
        Assert.True(exit == 2, output);
        Assert.Contains("error NG0034: ", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(last));
    }
}
