using System.Net;
using System.Net.Http.Json;
using Blazor.LiveState.Draining;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Draining;

/// <summary>
/// While the instance drains, what would start a circuit here (the Blazor hub, page loads) answers 503 for a
/// proxy to retry elsewhere; everything else is served as usual.
/// </summary>
public sealed class DrainGateTests
{
    [Fact]
    public async Task Nothing_is_refused_before_draining()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var ready = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));
        using var negotiate = await client.SendAsync(Negotiate());
        using var page = await client.SendAsync(PageLoad());
        using var navigation = await client.SendAsync(PageLoad(fetchDestination: "document"));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("negotiated", await negotiate.Content.ReadAsStringAsync());
        Assert.Equal("<p>page</p>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, navigation.StatusCode);
        Assert.False(app.Services.GetRequiredService<DrainCoordinator>().IsDraining);
    }

    [Fact]
    public async Task Ready_answers_not_ready_once_draining()
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("False", body!["ready"].ToString());
    }

    [Fact]
    public async Task Hub_negotiation_is_refused_with_retry_after_while_draining()
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Negotiate());

        AssertRefused(response);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/_blazor?id=abc")]
    [InlineData("/_BLAZOR/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/initializers")]
    public async Task Every_hub_request_but_disconnect_is_refused_while_draining(string path)
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)));

        AssertRefused(response);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("document")]
    [InlineData("empty")]
    [InlineData("iframe")]
    public async Task Page_load_is_refused_with_a_page_that_reloads_itself_while_draining(string? fetchDestination)
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(PageLoad(fetchDestination));

        AssertRefused(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("http-equiv=\"refresh\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>page</p>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_of_a_page_is_refused_while_draining()
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();
        using var request = PageLoad();
        request.Method = HttpMethod.Head;

        using var response = await client.SendAsync(request);

        AssertRefused(response);
    }

    [Fact]
    public async Task Disconnect_still_passes_while_draining()
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();

        using var response = await client.PostAsync(new Uri("/_blazor/disconnect", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("disconnected", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json", null)]
    [InlineData("application/json", "empty")]
    [InlineData("*/*", null)]
    public async Task Api_call_still_passes_while_draining(string accept, string? fetchDestination)
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/x", UriKind.Relative));
        request.Headers.Add("Accept", accept);
        if (fetchDestination is not null)
        {
            request.Headers.Add("Sec-Fetch-Dest", fetchDestination);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("script")]
    [InlineData("style")]
    [InlineData("image")]
    public async Task Script_style_and_image_requests_still_pass_while_draining(string fetchDestination)
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();
        // Some browsers' Accept for subresources mentions text/html too; the destination says what it is.
        using var request = PageLoad(fetchDestination);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Form_post_to_a_page_still_passes_while_draining()
    {
        await using var app = await StartDrainedAsync();
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/form", UriKind.Relative));
        request.Headers.Add("Accept", "text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.CacheControl?.NoStore, "A refusal must not be cached.");
    }

    private static HttpRequestMessage Negotiate() =>
        new(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative));

    private static HttpRequestMessage PageLoad(string? fetchDestination = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (fetchDestination is not null)
        {
            request.Headers.Add("Sec-Fetch-Dest", fetchDestination);
        }

        return request;
    }

    private static async Task<WebApplication> StartDrainedAsync()
    {
        var app = await StartAsync();
        var coordinator = app.Services.GetRequiredService<DrainCoordinator>();

        var result = await coordinator.DrainAsync("test");

        Assert.True(coordinator.IsDraining);
        Assert.Equal((0, 0, 0), (result.Moved, result.Stayed, result.Remaining));
        return app;
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddLiveState();
        var app = builder.Build();
        app.MapLiveState();
        // Stand-ins for the Blazor hub's endpoints and the app's pages and APIs.
        app.MapPost("/_blazor/negotiate", () => "negotiated");
        app.MapPost("/_blazor/disconnect", () => "disconnected");
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], () => Results.Content("<p>page</p>", "text/html"));
        app.MapPost("/form", () => Results.Content("<p>saved</p>", "text/html"));
        app.MapGet("/api/x", () => Results.Json(new { ok = true }));
        await app.StartAsync();
        return app;
    }
}
