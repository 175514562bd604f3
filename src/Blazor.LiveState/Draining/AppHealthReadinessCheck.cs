using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blazor.LiveState.Draining;

/// <summary>
/// The app's own ASP.NET Core health checks tagged <c>ready</c> (a database, a downstream API): an
/// unhealthy one means the app cannot serve a page yet. The kit's own <c>livestate</c> check is left out,
/// since it reports this readiness. Passes at once when the app has no health checks.
/// </summary>
internal sealed class AppHealthReadinessCheck(IServiceProvider services) : IReadinessCheck
{
    public const string Tag = "ready";

    public string Name => "health";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Looked up here, not injected: the app may add its health checks after AddLiveState.
        if (services.GetService<HealthCheckService>() is not { } health)
        {
            return;
        }

        var report = await health.CheckHealthAsync(
            check => check.Tags.Contains(Tag) && check.Name != LiveStateReadinessHealthCheck.Name,
            cancellationToken);
        if (report.Status == HealthStatus.Unhealthy)
        {
            var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key);
            throw new InvalidOperationException($"Unhealthy: {string.Join(", ", failing)}.");
        }
    }
}
