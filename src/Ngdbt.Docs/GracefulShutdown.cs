using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ngdbt.Docs;

/// <summary>
/// Ctrl+C / SIGTERM handling for a Kestrel app started with <c>StartAsync</c>: the generic host's console lifetime is
/// replaced (it swallowed the signal and left the app waiting out the 30 s shutdown timeout), each signal starts a
/// graceful stop at once (in-flight requests get <see cref="DrainTimeout"/> to finish), and the signal is not
/// cancelled, so the command line's own cancellation still runs and the process exits.
/// </summary>
public static class GracefulShutdown
{
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);

    public static void Configure(IServiceCollection services)
    {
        services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = DrainTimeout);
    }

    /// <summary>Registers SIGINT, SIGTERM and SIGQUIT handlers that stop <paramref name="app"/>; dispose to unregister.</summary>
    public static IDisposable Watch(WebApplication app)
    {
        var registrations = new List<PosixSignalRegistration>();
        Task? stopping = null;
        var gate = new object();
        void Handle(PosixSignalContext context)
        {
            lock (gate) stopping ??= Task.Run(() => app.StopAsync());
            // Give in-flight requests their drain time before the runtime's default action (exit) proceeds.
            stopping.Wait(DrainTimeout + TimeSpan.FromMilliseconds(250));
        }

        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try { registrations.Add(PosixSignalRegistration.Create(signal, Handle)); }
            catch (PlatformNotSupportedException) { /* e.g. SIGQUIT on Windows */ }
        }

        return new Registrations(registrations);
    }

    private sealed class Registrations(List<PosixSignalRegistration> list) : IDisposable
    {
        public void Dispose() { foreach (var r in list) r.Dispose(); }
    }

    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
