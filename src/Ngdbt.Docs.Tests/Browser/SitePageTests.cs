using Microsoft.Playwright;
using Xunit;

namespace Ngdbt.Docs.Tests.Browser;

/// <summary>A fresh browser context and page per test (1400×900) over a generated site opened from file://, with the
/// page's script errors and any dialog collected in <see cref="Errors"/> (a dialog means injected script ran).</summary>
public abstract class SitePageTests : IAsyncLifetime
{
    private static readonly BrowserFixture Chromium = new();
    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;

    protected List<string> Errors { get; } = [];

    public async Task InitializeAsync()
    {
        if (!BrowserFixture.Available) return;
        var browser = await Chromium.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        Page = await _context.NewPageAsync();
        Page.PageError += (_, e) => Errors.Add(e);
        Page.Dialog += (_, d) => { Errors.Add("dialog: " + d.Message); _ = d.DismissAsync(); };
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
    }
}
