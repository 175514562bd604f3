using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Reports the instance unhealthy from the first moment of a drain or a shutdown, so that an orchestrator
/// or a load balancer stops sending it new users; healthy otherwise. Added by
/// <c>AddLiveStateReadiness()</c>; the same answer as <c>GET /_livestate/ready</c>.
/// </summary>
internal sealed class LiveStateReadinessHealthCheck(DrainCoordinator drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            drain.TakesNewCircuits ? HealthCheckResult.Healthy("Taking new circuits.")
            : new HealthCheckResult(context.Registration.FailureStatus, drain.IsDraining ? "Draining: pages are moving to other instances." : "Stopping."));
}
