using Microsoft.Playwright;

namespace Ngdbt.Docs.Tests.Browser;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download, ever).</summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private IPlaywright? _playwright;

    public static bool Available => File.Exists(ChromiumPath);

    public IBrowser? Browser { get; private set; }

    public async Task<IBrowser> GetAsync()
    {
        if (Browser is not null) return Browser;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Args });
        return Browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
