using Ngdbt.Adapters.DuckDb;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>The cap on glibc's malloc arenas (MallocArenas.cs) is accepted by the C library of this machine.</summary>
public sealed class MallocArenasTests
{
    [Fact]
    public void Glibc_accepts_the_cap_on_malloc_arenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            Assert.False(MallocArenas.Cap());
            return;
        }

        Assert.True(MallocArenas.Cap());
        Assert.True(MallocArenas.Cap());
    }
}
