using Ngdbt.Packages;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>Credentials in URLs never reach a message: the user information is replaced, wherever the URL stands.</summary>
public sealed class UrlMaskTests
{
    [Theory]
    [InlineData("https://user:token@github.com/acme/pkg.git", "https://****@github.com/acme/pkg.git")]
    [InlineData("https://ghp_abc123@github.com/acme/pkg.git", "https://****@github.com/acme/pkg.git")]
    [InlineData("fatal: unable to access 'https://bot:p%40ss@host:8443/x.git/': 403", "fatal: unable to access 'https://****@host:8443/x.git/': 403")]
    [InlineData("ssh://git:secret@host/x and https://a:b@c/d", "ssh://****@host/x and https://****@c/d")]
    [InlineData("https://github.com/acme/pkg.git", "https://github.com/acme/pkg.git")]
    [InlineData("git@github.com:acme/pkg.git", "git@github.com:acme/pkg.git")]
    [InlineData("file:///tmp/repo.git", "file:///tmp/repo.git")]
    public void Masks_the_user_information_of_every_url(string text, string masked) => Assert.Equal(masked, UrlMask.Mask(text));
}
