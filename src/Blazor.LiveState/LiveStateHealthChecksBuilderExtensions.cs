using Blazor.LiveState.Draining;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// Extension methods live in the namespace of what they extend so that the one call needs no extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Reports Blazor.LiveState's drain through ASP.NET Core Health Checks.</summary>
public static class LiveStateHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a readiness check, named <c>livestate</c> and tagged <c>ready</c>, that turns unhealthy as soon as
    /// the instance drains or stops (SIGTERM, <c>POST /_livestate/drain</c>) and while it cannot read its Data
    /// Protection keys or its tab-state store, so that orchestrators and proxies that read health checks route
    /// new users elsewhere without custom code. Needs <c>AddLiveState()</c>.
    /// </summary>
    /// <param name="builder">The app's health checks.</param>
    /// <param name="failureStatus">What a draining instance reports. Default: <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddHealthChecks().AddLiveStateReadiness();
    /// // …
    /// app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check =&gt; check.Tags.Contains("ready") });
    /// </code>
    /// </example>
    public static IHealthChecksBuilder AddLiveStateReadiness(this IHealthChecksBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<LiveStateReadinessHealthCheck>(LiveStateReadinessHealthCheck.Name, failureStatus, [AppHealthReadinessCheck.Tag]);
    }
}
