using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Drains before the host takes the connections down. On shutdown, ASP.NET Core's SignalR closes every
/// connection from an <see cref="IHostApplicationLifetime.ApplicationStopping"/> callback, and those
/// callbacks run last-registered-first while the host waits on them. So this registers its own callback
/// after SignalR's (it first makes sure the Blazor hub's endpoints, and with them SignalR's, exist) and
/// holds the shutdown there until the drain is over: the circuits are still connected while their pages
/// save and move.
/// </summary>
internal sealed class DrainOnShutdown(
    DrainCoordinator coordinator,
    IHostApplicationLifetime lifetime,
    IOptions<LiveStateOptions> options,
    ILogger<DrainOnShutdown> logger) : IHostedLifecycleService, IDisposable
{
    // The drain ends by itself at the end of its window; this is only a backstop.
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(3);

    private IReadOnlyList<EndpointDataSource> _endpointSources = [];
    private CancellationTokenRegistration _registration;

    /// <summary>The app's endpoints, from <c>MapLiveState</c>.</summary>
    public void UseEndpoints(IEnumerable<EndpointDataSource> sources) => _endpointSources = [.. sources];

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Drain.OnShutdown)
        {
            // No drain: the readiness endpoint and the gate still turn browsers away from this process.
            _registration = lifetime.ApplicationStopping.Register(() => LiveStateLog.StoppingNotReady(logger));
            return Task.CompletedTask;
        }

        // Building the endpoints maps the Blazor hub, which is when SignalR registers its own stopping
        // callback; without this, an app without authorization would only build them on the first request.
        foreach (var source in _endpointSources)
        {
            _ = source.Endpoints.Count;
        }

        _registration = lifetime.ApplicationStopping.Register(DrainBeforeConnectionsClose);
        return Task.CompletedTask;
    }

    private void DrainBeforeConnectionsClose()
    {
        // Blocking on purpose: the host (and SignalR's callback) wait behind this one.
        coordinator.DrainAsync("shutdown").Wait(options.Value.Drain.Window + Backstop);
    }

    public void Dispose() => _registration.Dispose();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
