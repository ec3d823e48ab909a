namespace Ngdbt.Artifacts;

/// <summary>Writes a file of target/ (the partial parse caches, the compiled-files index) through a temporary twin named
/// by the process, so two processes never share one, and replaces the file in one step: a concurrent reader sees the
/// old file or the new one, never half of one. On any failure the twin is deleted and the exception goes on to the
/// caller, which reports it or lets the next compile do without the file.</summary>
internal static class ReplacedFile
{
    public static void Write(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DeleteStaleTwins(path);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the write's own error is the one to report
            }

            throw;
        }
    }

    /// <summary>Deletes the twins of <paramref name="path"/> left by processes that are gone (one killed in the middle
    /// of a write leaves its twin, 34 MB for the manifest of 10,000 models). A twin of a live process is another
    /// write under way, and is left alone.</summary>
    private static void DeleteStaleTwins(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var twin in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, name + ".*.tmp"))
        {
            var owner = Path.GetFileName(twin)[(name.Length + 1)..^".tmp".Length];
            if (int.TryParse(owner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !IsAlive(pid))
            {
                try
                {
                    File.Delete(twin);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // another process is cleaning it up too, or it is not ours to delete
                }
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
