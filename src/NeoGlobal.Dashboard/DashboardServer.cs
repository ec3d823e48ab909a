using Ngdbt.Docs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace NeoGlobal.Dashboard;

/// <summary>A running dashboard; <see cref="Url"/> is where it listens (ends with '/'). Dispose to stop it.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable _warehouse;
    private readonly IDisposable _signals;

    internal DashboardServer(WebApplication app, IDisposable warehouse, Uri url)
    {
        _app = app;
        _warehouse = warehouse;
        Url = url;
        _signals = GracefulShutdown.Watch(app);
    }

    public Uri Url { get; }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _signals.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _warehouse.Dispose();
    }
}
