using Microsoft.Playwright;
using Xunit;

namespace NeoGlobal.Dashboard.Tests.Browser;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download, ever).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private IPlaywright? _playwright;

    public static bool Available => File.Exists(ChromiumPath);

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Available) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Args });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

public sealed class SkippableBrowserFactAttribute : FactAttribute
{
    public SkippableBrowserFactAttribute()
    {
        if (!BrowserFixture.Available) Skip = $"{BrowserFixture.ChromiumPath} not installed (apt-get install -y chromium); browser tests skipped";
    }
}
