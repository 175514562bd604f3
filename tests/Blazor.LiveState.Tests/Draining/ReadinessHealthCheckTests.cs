using System.Net;
using Blazor.LiveState.Draining;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Draining;

/// <summary><c>AddLiveStateReadiness()</c>: the drain reported through ASP.NET Core Health Checks.</summary>
public sealed class ReadinessHealthCheckTests
{
    [Fact]
    public async Task Readiness_check_is_healthy_until_the_drain_starts_then_unhealthy()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using (var before = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal("Healthy", await before.Content.ReadAsStringAsync());
        }

        await app.Services.GetRequiredService<DrainCoordinator>().DrainAsync("test");

        using var after = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("Unhealthy", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_check_is_named_livestate_tagged_ready_and_says_why()
    {
        await using var app = await StartAsync();
        var health = app.Services.GetRequiredService<HealthCheckService>();
        await app.Services.GetRequiredService<DrainCoordinator>().DrainAsync("test");

        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"));

        var entry = Assert.Single(report.Entries);
        Assert.Equal("livestate", entry.Key);
        Assert.Equal(HealthStatus.Unhealthy, entry.Value.Status);
        Assert.Contains("Draining", entry.Value.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draining_instance_can_report_degraded_instead()
    {
        await using var app = await StartAsync(HealthStatus.Degraded);
        await app.Services.GetRequiredService<DrainCoordinator>().DrainAsync("test");

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Status);
    }

    private static async Task<WebApplication> StartAsync(HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddLiveState();
        builder.Services.AddHealthChecks().AddLiveStateReadiness(failureStatus);
        var app = builder.Build();
        app.MapLiveState();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        await app.StartAsync();
        return app;
    }
}
