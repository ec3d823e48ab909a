namespace NeoGlobal.Pipeline.Tests;

/// <summary>A copy of the repository's NeoGlobal project (models, seeds, tests, macros, project.yml, profiles.yml) in a
/// temp folder, with its own warehouse, so tests never touch the developer's data/ or warehouse/.</summary>
internal sealed class NeoGlobalProject : IDisposable
{
    private NeoGlobalProject(string root) => Root = root;

    public string Root { get; }

    public string Warehouse => Path.Combine(Root, "warehouse", "neoglobal.duckdb");

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeoGlobal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("NeoGlobal.sln not found above the test folder");
    }

    public static NeoGlobalProject CopyToTemp()
    {
        var source = RepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "neoglobal-tests", Guid.NewGuid().ToString("N")[..12]);
        foreach (var folder in new[] { "models", "seeds", "tests", "macros" })
        {
            Copy(Path.Combine(source, folder), Path.Combine(root, folder));
        }

        File.Copy(Path.Combine(source, "project.yml"), Path.Combine(root, "project.yml"));
        File.WriteAllText(Path.Combine(root, "profiles.yml"), """
            neoglobal:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: warehouse/neoglobal.duckdb
                  threads: 2
            """);
        return new NeoGlobalProject(root);
    }

    private static void Copy(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }
}
