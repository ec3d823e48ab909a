using Ngdbt.Diagnostics;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Conversion;

/// <summary>One file of the converted project: Scriban, or kept in Jinja.</summary>
internal sealed record WrittenFile(string Path, string Text, bool Jinja);

/// <summary>Puts the converted pieces back into files and writes the native project: a macro file's kept macros move
/// to `&lt;name&gt;_jinja.sql` beside it; each kept piece is warning NG0115 at its position.</summary>
internal static class ProjectWriter
{
    private const string KeptMarker = "{# kept in Jinja by ngdbt convert #}";

    public static List<WrittenFile> Plan(List<ConvertUnit> units, DiagnosticBag diagnostics)
    {
        var written = new List<WrittenFile>();
        foreach (var group in units.GroupBy(u => u.Path))
        {
            var path = group.Key;
            var original = string.Concat(group.Select(u => u.Text));
            var kept = group.Where(u => u.Kept is not null).ToList();
            var jinjaPath = path[..^4] + "_jinja.sql";
            foreach (var unit in kept)
            {
                var (line, column) = Position(original, unit.Kept!.Value.Offset);
                var what = unit.InMacroFile && unit.Macro is not null && kept.Count < group.Count()
                    ? $"macro '{unit.Macro}' kept in Jinja (moved to {jinjaPath})"
                    : $"{path} kept in Jinja";
                diagnostics.Warning(DiagnosticCodes.KeptInJinja, new SourceSpan(path, line, column), $"{what}: {unit.Kept.Value.Construct}");
            }

            if (kept.Count == 0)
            {
                written.Add(new WrittenFile(path, string.Concat(group.Select(u => u.Converted!.Text)), false));
            }
            else if (kept.Count == group.Count() || !group.First().InMacroFile)
            {
                // template-language: auto reads a file as Jinja when it has '{%' or '{#'; a comment marks one that has neither.
                written.Add(new WrittenFile(path, JinjaFrontEnd.LooksLikeJinja(original) ? original : KeptMarker + original, true));
            }
            else
            {
                written.Add(new WrittenFile(path, string.Concat(group.Where(u => u.Kept is null).Select(u => u.Converted!.Text)), false));
                written.Add(new WrittenFile(jinjaPath, $"{{# Macros of {path} that stay Jinja (ngdbt convert). #}}\n" + string.Concat(kept.Select(u => u.Text)), true));
            }
        }

        return written;
    }

    public static void Write(string outDir, string root, List<WrittenFile> written, List<string> copied, string projectYml, bool inPlace)
    {
        Directory.CreateDirectory(outDir);
        if (!inPlace)
        {
            foreach (var file in copied)
            {
                var target = Path.Combine(outDir, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(root, file), target, overwrite: false);
            }
        }

        foreach (var file in written)
        {
            var target = Path.Combine(outDir, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, file.Text);
        }

        File.WriteAllText(Path.Combine(outDir, "project.yml"), projectYml);
    }

    public static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < Math.Min(offset, text.Length); i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, offset - start + 1);
    }
}
