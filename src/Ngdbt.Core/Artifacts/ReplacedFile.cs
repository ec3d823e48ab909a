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
}
