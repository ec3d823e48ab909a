using System.Text;

namespace Ngdbt.State;

/// <summary>Formatting-independent SQL text: whitespace between two word characters becomes one space and every other
/// run of whitespace (around punctuation, template braces, at line ends) disappears; quoted text ('…', "…") is kept
/// as written. `select a,b` and `select  a ,\n b` normalize alike; `'a  b'` and `'a b'` do not.</summary>
public static class SqlText
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        // The last character appended, kept here rather than read back through the builder's indexer.
        var last = '\0';
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                i++;
                continue;
            }

            if (pendingSpace && sb.Length > 0 && IsWord(last) && IsWord(c))
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                end = end < 0 ? text.Length - 1 : end;
                sb.Append(text, i, end - i + 1);
                last = text[end];
                i = end + 1;
                continue;
            }

            sb.Append(c);
            last = c;
            i++;
        }

        return sb.ToString();
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
