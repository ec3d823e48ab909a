namespace Ngdbt.Load;

public static class Identifiers
{
    public static bool IsValid(string name)
        => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
