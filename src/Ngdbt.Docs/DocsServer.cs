using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ngdbt.Docs;

/// <summary>
/// <c>ngdbt docs serve</c>: serves a generated site folder over HTTP, bound to 127.0.0.1 only (never all interfaces).
/// Port 0 picks a free port; <see cref="Url"/> tells which.
/// </summary>
public sealed class DocsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable _signals;

    private DocsServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
        _signals = GracefulShutdown.Watch(app);
    }

    public Uri Url { get; }

    public static Task<DocsServer> StartAsync(string siteDir, int port = 8080, CancellationToken cancellationToken = default)
        => StartAsync(siteDir, port, "127.0.0.1", cancellationToken);

    /// <summary>Binds to <paramref name="host"/>: 127.0.0.1 unless the caller asks otherwise (e.g. 0.0.0.0 inside a container).</summary>
    public static async Task<DocsServer> StartAsync(string siteDir, int port, string host, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(siteDir);
        if (!File.Exists(Path.Combine(root, "index.html")))
            throw new DirectoryNotFoundException($"no generated docs site in {root} (run `ngdbt docs generate` first)");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root, WebRootPath = root });
        builder.Logging.ClearProviders();
        GracefulShutdown.Configure(builder.Services);
        builder.WebHost.UseUrls($"http://{host}:{port}");
        var app = builder.Build();
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{host}:{port}";
        return new DocsServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _signals.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
