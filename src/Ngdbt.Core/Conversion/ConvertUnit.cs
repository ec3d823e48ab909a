namespace Ngdbt.Conversion;

/// <summary>What converts as one piece: a whole template file, or one macro of a macro file (<see cref="Macro"/>).
/// <see cref="Start"/> is where its text begins in the file, for positions.</summary>
internal sealed class ConvertUnit(string path, string text, int start, string? macro, bool inMacroFile)
{
    public string Path { get; } = path;

    public string Text { get; } = text;

    public int Start { get; } = start;

    public string? Macro { get; } = macro;

    public bool InMacroFile { get; } = inMacroFile;

    public ConvertedTemplate? Converted { get; set; }

    /// <summary>Why it stays Jinja, and where (an index into the file), once it does.</summary>
    public (string Construct, int Offset)? Kept { get; set; }

    public IReadOnlyList<string> Defines => Converted?.Macros ?? (Macro is null ? [] : [Macro]);

    public void Keep(string construct, int offset)
    {
        Converted = null;
        Kept = (construct, offset);
    }
}
