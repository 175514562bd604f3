using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class ReadinessEndpointTests
{
    [Fact]
    public async Task Ready_endpoint_answers_ready_with_the_build_version_and_is_never_cached()
    {
        await using var app = await StartAsync(o => o.BuildVersion = "1.2.3+abc");
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("True", body!["ready"].ToString());
        Assert.Equal("1.2.3+abc", body["build"].ToString());
        Assert.Matches("^[0-9a-f]{32}$", body["instance"].ToString());
    }

    [Fact]
    public async Task Pages_over_the_readiness_budget_are_answered_busy_with_a_turn_while_orchestrator_probes_never_are()
    {
        await using var app = await StartAsync(o => o.Reconnect.ReadyPagesPerSecond = 1);
        using var client = app.GetTestClient();

        using var first = await client.GetAsync(new Uri("/_livestate/ready?attempt=1", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/_livestate/ready?attempt=1", UriKind.Relative));
        var orchestrator = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var probe = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));
            orchestrator.Add(probe.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal("busy", body.RootElement.GetProperty("reason").GetString());
        // A budget of one page a second: the turn is at the next token, plus up to a second of spread.
        Assert.InRange(body.RootElement.GetProperty("retryAfterMs").GetDouble(), 1, 2_000);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        Assert.All(orchestrator, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_page_that_asks_gets_the_owner_tag_of_its_signed_in_user_with_a_ready_answer_the_same_as_the_owner_endpoint_gives()
    {
        var signedIn = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "alice")], "test"));
        await using var app = await StartAsync(configureApp: app => app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Test-Alice"))
            {
                context.User = signedIn;
            }

            return next(context);
        }));
        using var client = app.GetTestClient();

        var anonymous = await OwnerInReadyAnswerAsync(client, "/_livestate/ready?attempt=1&owner=1", alice: false);
        var alice = await OwnerInReadyAnswerAsync(client, "/_livestate/ready?attempt=1&owner=1", alice: true);
        using var ownerRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/_livestate/owner", UriKind.Relative));
        ownerRequest.Headers.Add("X-Test-Alice", "1");
        using var ownerResponse = await client.SendAsync(ownerRequest);
        using var ownerBody = System.Text.Json.JsonDocument.Parse(await ownerResponse.Content.ReadAsStringAsync());

        Assert.Equal("anonymous", anonymous);
        Assert.StartsWith("u.", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", alice, StringComparison.Ordinal);
        Assert.Equal(ownerBody.RootElement.GetProperty("owner").GetString(), alice);
        // Only a page that asks gets it, and never an orchestrator's probe.
        Assert.Null(await OwnerInReadyAnswerAsync(client, "/_livestate/ready?attempt=1", alice: true));
        Assert.Null(await OwnerInReadyAnswerAsync(client, "/_livestate/ready?owner=1", alice: true));
    }

    [Fact]
    public async Task A_page_that_asks_gets_no_owner_tag_from_an_instance_that_is_not_ready()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();
        await app.Services.GetRequiredService<Blazor.LiveState.Draining.DrainCoordinator>().DrainAsync("test");

        using var response = await client.GetAsync(new Uri("/_livestate/ready?attempt=1&owner=1", UriKind.Relative));
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.RootElement.TryGetProperty("owner", out _));
    }

    private static async Task<string?> OwnerInReadyAnswerAsync(HttpClient client, string path, bool alice)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (alice)
        {
            request.Headers.Add("X-Test-Alice", "1");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("owner", out var owner) ? owner.GetString() : null;
    }

    [Fact]
    public async Task A_page_that_hears_ready_starts_the_recovery_warm_up_and_an_orchestrator_probe_does_not()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();
        var warmUp = app.Services.GetRequiredService<Blazor.LiveState.Shared.RecoveryWarmUp>();

        using var orchestrator = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));
        var afterOrchestrator = warmUp.Running;
        using var page = await client.GetAsync(new Uri("/_livestate/ready?attempt=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, orchestrator.StatusCode);
        Assert.Null(afterOrchestrator);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(warmUp.Running);
        await warmUp.Running;
    }

    [Fact]
    public async Task Ready_endpoint_follows_the_configured_prefix()
    {
        await using var app = await StartAsync(o => o.EndpointPrefix = "/ops/live");
        using var client = app.GetTestClient();

        using var moved = await client.GetAsync(new Uri("/ops/live/ready", UriKind.Relative));
        using var old = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Ready_endpoint_is_reachable_when_the_app_requires_authorization_everywhere()
    {
        await using var app = await StartAsync(configureServices: services =>
        {
            services.AddAuthentication();
            services.AddAuthorizationBuilder().SetFallbackPolicy(
                new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        });
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void MapLiveState_without_AddLiveState_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapLiveState());

        Assert.Contains("AddLiveState()", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(
        Action<LiveStateOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddLiveState(configure);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        if (configureServices is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        configureApp?.Invoke(app);
        app.MapLiveState();
        await app.StartAsync();
        return app;
    }
}
