using System.Net;
using System.Text.Json;
using Blazor.LiveState.Draining;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Draining;

/// <summary><c>POST /_livestate/drain</c>, for an orchestrator's pre-stop hook, guarded by a key.</summary>
public sealed class DrainEndpointTests
{
    private const string DrainKey = "0123456789abcdef-drain";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Endpoint_is_not_mapped_without_a_key(string? key)
    {
        await using var app = await StartAsync(key);
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Drain(DrainKey));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(app.Services.GetRequiredService<DrainCoordinator>().IsDraining);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key-of-some-length")]
    [InlineData("0123456789ABCDEF-DRAIN")]
    [InlineData("0123456789abcdef-drain ")]
    [InlineData("0123456789abcdef-drai")]
    public async Task Missing_or_wrong_key_is_forbidden_and_does_not_drain(string? key)
    {
        await using var app = await StartAsync(DrainKey);
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Drain(key));
        using var ready = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.False(app.Services.GetRequiredService<DrainCoordinator>().IsDraining);
    }

    [Fact]
    public async Task Right_key_drains_and_answers_how_it_went()
    {
        await using var app = await StartAsync(DrainKey);
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Drain(DrainKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.True(root.GetProperty("durationMs").GetDouble() >= 0);
        Assert.Equal(0, root.GetProperty("moved").GetInt32());
        Assert.Equal(0, root.GetProperty("stayed").GetInt32());
        Assert.Equal(0, root.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task After_a_drain_the_instance_is_not_ready_and_a_second_drain_joins_the_first()
    {
        await using var app = await StartAsync(DrainKey);
        using var client = app.GetTestClient();
        using var first = await client.SendAsync(Drain(DrainKey));

        using var ready = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));
        using var second = await client.SendAsync(Drain(DrainKey));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Endpoint_follows_the_configured_prefix_and_takes_only_post()
    {
        await using var app = await StartAsync(DrainKey, "/ops");
        using var client = app.GetTestClient();

        using var get = await client.GetAsync(new Uri("/ops/drain", UriKind.Relative));
        using var old = await client.SendAsync(Drain(DrainKey));
        using var post = await client.SendAsync(Drain(DrainKey, "/ops/drain"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    private static HttpRequestMessage Drain(string? key, string path = "/_livestate/drain")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-LiveState-Drain-Key", key);
        }

        return request;
    }

    private static async Task<WebApplication> StartAsync(string? key, string prefix = "/_livestate")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddLiveState(o =>
        {
            o.Drain.EndpointKey = key;
            o.EndpointPrefix = prefix;
        });
        var app = builder.Build();
        app.MapLiveState();
        await app.StartAsync();
        return app;
    }
}
