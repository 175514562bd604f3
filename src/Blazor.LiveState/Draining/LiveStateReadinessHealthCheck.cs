using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Reports the instance unhealthy from the first moment of a drain or a shutdown, and while it cannot read
/// its Data Protection keys or its tab-state store, so that an orchestrator or a load balancer sends it no
/// new users; healthy otherwise. Added by <c>AddLiveStateReadiness()</c>; the same answer as
/// <c>GET /_livestate/ready</c> without the app's other health checks (which the endpoint adds).
/// </summary>
internal sealed class LiveStateReadinessHealthCheck(InstanceReadiness readiness) : IHealthCheck
{
    public const string Name = "livestate";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await readiness.CheckKitAsync();
        return state.Reason switch
        {
            null => HealthCheckResult.Healthy("Taking new circuits."),
            "draining" => new HealthCheckResult(context.Registration.FailureStatus, "Draining: pages are moving to other instances."),
            "stopping" => new HealthCheckResult(context.Registration.FailureStatus, "Stopping."),
            var failed => new HealthCheckResult(context.Registration.FailureStatus, $"Not ready: {failed} check failed."),
        };
    }
}
