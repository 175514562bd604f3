using Microsoft.Extensions.Hosting;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Starts the readiness checks once as the process starts, without waiting for them. After a crash, a waiting
/// page's readiness probe is among the first requests a restarted process gets; run cold, its checks (the first
/// read of the key ring, the first round trip to the tab-state store, the app's health checks) kept that page
/// waiting for them. Started here, they run while the server comes up, and the probe shares their answer
/// (<see cref="InstanceReadiness"/> reuses it for a second) or waits for the run already under way.
/// </summary>
/// <remarks>
/// Only the checks that any readiness probe runs, so nothing new of the app runs. A failed check is logged as it
/// is for a probe, and its answer, too, is reused for a second: what an orchestrator's probe at that moment would
/// have caused.
/// </remarks>
internal sealed class ReadinessWarmUp(InstanceReadiness readiness) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: the checks may wait on a remote store for up to their timeout, and the host must not.
        // Every check's failure is caught inside the run, so the task left behind cannot fault.
        _ = readiness.CheckAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
