using System.Text.RegularExpressions;

namespace Ngdbt.Packages;

/// <summary>Credentials in a URL (`https://user:token@host/...`) never reach a message, a log or an artifact: the user
/// information is replaced by `****`, in the URL itself and wherever it appears in a tool's output.</summary>
internal static partial class UrlMask
{
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<userinfo>[^/@\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    public static string Mask(string text) => UserInfo().Replace(text, m => m.Groups["scheme"].Value + "****@");
}
