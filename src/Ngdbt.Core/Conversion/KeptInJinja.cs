namespace Ngdbt.Conversion;

/// <summary>A construct with no native (Scriban) form, or one the converter does not translate: the file stays Jinja
/// and the construct is named in warning NG0115. <see cref="Offset"/> is an index into the file's text.</summary>
internal sealed class KeptInJinja(string construct, int offset) : Exception(construct)
{
    public string Construct { get; } = construct;

    public int Offset { get; } = offset;
}
