using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>target/partial_parse.compiled.bin: an unchanged compiled file is trusted by its recorded size and mtime (not
/// read back), and any file whose size or mtime moved, or whose content should change, is written again.</summary>
public sealed class CompiledFilesIndexTests
{
    private const string Compiled = "target/compiled/proj/models/a.sql";

    private static Dictionary<string, string> Files() => new()
    {
        ["models/a.sql"] = "select {{ var('n', 1) }} as id\n",
        ["models/b.sql"] = "select id from {{ ref('a') }}\n",
    };

    [Fact]
    public void A_file_trusted_by_size_and_mtime_is_not_read_back()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var path = Path.Combine(p.Root, Compiled);
        var mtime = File.GetLastWriteTimeUtc(path);
        // Same length, other bytes, and the recorded mtime put back: only the index can tell it is "unchanged".
        File.WriteAllText(path, File.ReadAllText(path).Replace("select 1", "select 7", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, mtime);
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains("select 7", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_mtime_moved_is_compared_and_rewritten()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var path = Path.Combine(p.Root, Compiled);
        var mtime = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("select 1", "select 7", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, mtime.AddSeconds(-5));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains("select 1 as id", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_index_a_changed_file_is_found_by_reading_it()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        var path = Path.Combine(p.Root, Compiled);
        var mtime = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("select 1", "select 7", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, mtime);
        File.WriteAllText(Path.Combine(p.Root, "target", "partial_parse.compiled.bin"), "not an index");
        // The compile memo trusts stats as the index does (CompileReuseTests); this is the layer below it.
        File.Delete(Path.Combine(p.Root, "target", Ngdbt.Artifacts.CompileMemo.FileName));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Contains("select 1 as id", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{n: 2}", "select 2 as id")]
    [InlineData("{n: 12345}", "select 12345 as id")]
    public void A_node_whose_sql_changes_gets_its_file_rewritten(string vars, string expected)
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Equal(0, p.Run("compile", "--vars", vars).Exit);
        Assert.Equal(expected + "\n", p.Read(Compiled));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Equal("select 1 as id\n", p.Read(Compiled));
    }

    [Fact]
    public void A_deleted_compiled_file_is_written_again()
    {
        using var p = new TestProject(Files());
        Assert.Equal(0, p.Run("compile").Exit);
        File.Delete(Path.Combine(p.Root, Compiled));
        Assert.Equal(0, p.Run("compile").Exit);
        Assert.Equal("select 1 as id\n", p.Read(Compiled));
    }
}
