namespace Ngdbt.Diagnostics;

/// <summary>A position in a project file. Line and column are 1-based; <see cref="File"/> is relative to the project root when possible.</summary>
public sealed record SourceSpan(string File, int Line, int Column)
{
    /// <summary>No position at all (a diagnostic about no file).</summary>
    public static readonly SourceSpan Unknown = new(string.Empty, 0, 0);

    public static SourceSpan None(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
