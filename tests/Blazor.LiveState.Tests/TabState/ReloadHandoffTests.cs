using System.Net;
using System.Text;
using System.Text.Json;
using Blazor.LiveState.Shared;
using Blazor.LiveState.Testing;
using Blazor.LiveState.TabState;
using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// The reload after a crash hands the tab to the next document's prerender (a cookie, for one request), so the
/// reloaded page's first paint already shows its [TabState]: never a default that the circuit then replaces.
/// </summary>
public sealed class ReloadHandoffTests : IDisposable
{
    private const string CookieName = ReloadHandoff.CookiePrefix + "doc1";
    private static readonly string CounterEntry = typeof(TabCounter).FullName!;
    private static readonly string[] BigOnly = ["Big"];

    // One key ring for the page that saved and the prerender that opens: a restarted process that shares the keys.
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();
    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public async Task Prerender_with_the_reload_handoff_shows_the_saved_tab_state_and_calls_no_browser_function()
    {
        var (tabId, entries) = await SaveCounterAsync(user: null);

        await using var prerender = Prerender(Cookie(tabId, entries), user: null);
        var cut = prerender.Render<TabCounter>();

        Assert.Equal((2, "clicked"), cut.Instance.SeenInOnInitialized);
        Assert.Equal("2", cut.Find("[data-testid=count]").TextContent);
        // No browser while prerendering: nothing asked, nothing saved.
        Assert.Empty(prerender.JSInterop.Invocations);
    }

    [Fact]
    public async Task Prerender_with_a_server_store_reads_the_handed_off_tab_from_the_cache()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var (tabId, entries) = await SaveCounterAsync(user: "ada", cache);
        // The browser holds only the tab id: the cookie carries nothing else.
        Assert.Empty(entries);

        await using var prerender = Prerender(Cookie(tabId, entries), user: "ada", cache);
        var cut = prerender.Render<TabCounter>();

        Assert.Equal((2, "clicked"), cut.Instance.SeenInOnInitialized);
        Assert.Empty(prerender.JSInterop.Invocations);
    }

    [Fact]
    public async Task Prerender_whose_server_store_cannot_be_read_leaves_the_component_out_rather_than_paint_its_defaults()
    {
        var cache = new InMemoryTabStateCache();
        var (tabId, entries) = await SaveCounterAsync(user: "ada", cache);
        cache.ReadsFail = true;

        await using var prerender = Prerender(Cookie(tabId, entries), user: "ada", cache);
        var cut = prerender.Render<TabCounter>();

        // Not initialized, nothing rendered: no default count or label in the reloaded page's first paint.
        Assert.Null(cut.Instance.SeenInOnInitialized);
        Assert.Empty(cut.FindAll("[data-testid=count]"));
        Assert.Contains(_logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("for the prerender of a reload", StringComparison.Ordinal));
        // Later parameters do not initialize it with its defaults either.
        cut.Render(p => p.Add(c => c.Key, null));
        Assert.Null(cut.Instance.SeenInOnInitialized);
        Assert.Empty(prerender.JSInterop.Invocations);
    }

    [Fact]
    public async Task Prerender_without_a_handoff_shows_the_defaults()
    {
        await using var prerender = Prerender(cookieHeader: null, user: null);
        var cut = prerender.Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Empty(prerender.JSInterop.Invocations);
    }

    [Fact]
    public async Task Another_users_handoff_prerenders_the_defaults_and_logs_the_drop()
    {
        var (tabId, entries) = await SaveCounterAsync(user: "ada");

        await using var prerender = Prerender(Cookie(tabId, entries), user: "mallory");
        var cut = prerender.Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Contains(_logs.Messages, m => m.Contains($"Tab state '{CounterEntry}' was dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handoff_naming_another_tab_id_opens_nothing()
    {
        var (_, entries) = await SaveCounterAsync(user: null);

        await using var prerender = Prerender(Cookie(new string('A', 22), entries), user: null);
        var cut = prerender.Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("e30")] // {}
    [InlineData("eyJ2IjoxLCJpZCI6InNob3J0In0")] // {"v":1,"id":"short"}
    public void Malformed_handoff_is_ignored_with_a_reason(string value)
    {
        Assert.Null(ReloadHandoff.Parse(value, out var problem));
        Assert.Equal("not well formed", problem);
    }

    [Fact]
    public void Handoff_larger_than_a_cookie_is_not_read()
    {
        Assert.Null(ReloadHandoff.Parse(new string('A', 5000), out var problem));
        Assert.Contains("more than a cookie holds", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Handoff_keeps_the_keys_of_entries_too_large_for_the_cookie()
    {
        var id = new string('B', 22);
        var tab = ReloadHandoff.Parse(Encode(new { v = 1, id, entries = new Dictionary<string, string>(), withheld = BigOnly }), out var problem);

        Assert.Null(problem);
        Assert.Equal(id, tab!.Id);
        Assert.Contains("Big", tab.Withheld);
    }

    [Fact]
    public async Task Page_load_takes_its_handoff_once_and_its_answer_expires_the_cookie()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();
        var id = new string('C', 22);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe", UriKind.Relative));
        request.Headers.Add("Cookie", $"{CookieName}={Encode(new { v = 1, id })}; other=1");
        request.Headers.Add("Sec-Fetch-Dest", "document");
        using var response = await client.SendAsync(request);

        Assert.Equal(id, await response.Content.ReadAsStringAsync());
        var expired = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{CookieName}=;", expired, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", expired, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/probe", expired, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_handoffs_in_one_request_are_both_ignored_and_expired()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe", UriKind.Relative));
        request.Headers.Add("Cookie", $"{CookieName}={Encode(new { v = 1, id = new string('C', 22) })}; {ReloadHandoff.CookiePrefix}doc2={Encode(new { v = 1, id = new string('D', 22) })}");
        request.Headers.Add("Sec-Fetch-Dest", "document");
        using var response = await client.SendAsync(request);

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, response.Headers.GetValues("Set-Cookie").Count());
    }

    [Fact]
    public async Task Request_that_is_no_page_load_leaves_the_handoff_for_the_page_load()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe", UriKind.Relative));
        request.Headers.Add("Cookie", $"{CookieName}={Encode(new { v = 1, id = new string('C', 22) })}");
        request.Headers.Add("Sec-Fetch-Dest", "empty");
        request.Headers.Add("Accept", "application/json");
        using var response = await client.SendAsync(request);

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Page_load_without_a_handoff_sets_no_cookie()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/probe", UriKind.Relative));
        request.Headers.Add("Cookie", "other=1");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    public void Dispose() => _logs.Dispose();

    /// <summary>An interactive page that counts to 2 and labels: what the tab held before the crash.</summary>
    private async Task<(string TabId, IReadOnlyDictionary<string, string> Entries)> SaveCounterAsync(string? user, IDistributedCache? serverStore = null)
    {
        await using var page = new BunitContext();
        page.JSInterop.Mode = JSRuntimeMode.Strict;
        UseStore(page, serverStore);
        page.Services.AddSingleton(_keys);
        if (user is not null)
        {
            page.AddAuthorization().SetAuthorized(user);
        }

        var tab = page.JSInterop.SetupTabState();
        var cut = page.Render<TabCounter>();
        cut.Find("[data-testid=increment]").Click();
        cut.Find("[data-testid=increment-and-label]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=count]").TextContent));
        // The click's save is under way once its render is done.
        await page.Services.GetRequiredService<TabStateSaver>().WhenSavedAsync();
        Assert.True(serverStore is not null || tab.Entries.ContainsKey(CounterEntry));
        return (tab.TabId, new Dictionary<string, string>(tab.Entries));
    }

    /// <summary>A prerender (no circuit, no browser) of a request that carries <paramref name="cookieHeader"/>.</summary>
    private BunitContext Prerender(string? cookieHeader, string? user, IDistributedCache? serverStore = null)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Strict;
        UseStore(context, serverStore);
        context.Services.AddSingleton(_keys);
        context.Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        // Not interactive: what a prerender's scope is.
        context.Services.Replace(ServiceDescriptor.Scoped(sp => ActivatorUtilities.CreateInstance<LiveCircuit>(sp)));
        var handoff = new ReloadHandoff();
        if (cookieHeader is not null)
        {
            var http = new DefaultHttpContext();
            http.Request.Method = HttpMethods.Get;
            http.Request.Headers.Accept = "text/html";
            http.Request.Headers.Cookie = cookieHeader;
            handoff.Take(http, NullLogger.Instance);
        }

        context.Services.Replace(ServiceDescriptor.Scoped(_ => handoff));
        if (user is not null)
        {
            context.AddAuthorization().SetAuthorized(user);
        }

        return context;
    }

    /// <summary>The kit with browser storage, or with <paramref name="serverStore"/> as its distributed cache.</summary>
    private static void UseStore(BunitContext context, IDistributedCache? serverStore)
    {
        if (serverStore is null)
        {
            context.AddLiveState();
            return;
        }

        context.AddLiveState(o => o.TabState.Storage = TabStateStorage.DistributedCache);
        context.Services.AddSingleton(serverStore);
    }

    private static string Cookie(string tabId, IReadOnlyDictionary<string, string> entries) =>
        $"{CookieName}={Encode(new { v = 1, id = tabId, entries })}";

    private static string Encode(object content) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content)));

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddLiveState();
        var app = builder.Build();
        app.MapGet("/probe", (ReloadHandoff handoff) => handoff.Tab?.Id ?? "none");
        await app.StartAsync();
        return app;
    }
}
