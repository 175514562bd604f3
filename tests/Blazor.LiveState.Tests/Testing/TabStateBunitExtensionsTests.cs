using System.Globalization;
using System.Text;
using Blazor.LiveState.TabState;
using Blazor.LiveState.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.Testing;

public sealed class TabStateBunitExtensionsTests
{
    private static readonly string CounterEntry = typeof(Counter).FullName!;

    [Fact]
    public async Task SetupTabState_example_from_its_XML_doc_brings_the_count_back_after_a_reload()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;

        // The example, as documented on SetupTabState.
        ctx.AddLiveState();
        var tab = ctx.JSInterop.SetupTabState();
        var first = ctx.Render<Counter>();
        first.Find("button").Click();
        tab.WaitForWrites(1);
        await ctx.DisposeComponentsAsync();
        var second = ctx.Render<Counter>();

        Assert.Equal(1, second.Instance.Count);
        Assert.Equal("1", second.Find("[data-testid=count]").TextContent);
        Assert.Equal([CounterEntry], tab.Entries.Keys);
        Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "BlazorLiveState.tabState.open");
        Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "BlazorLiveState.tabState.write");
    }

    [Fact]
    public void WaitForWrites_returns_at_the_save_and_times_out_naming_how_many_came()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        ctx.AddLiveState();
        var tab = ctx.JSInterop.SetupTabState();
        var cut = ctx.Render<Counter>();

        cut.Find("button").Click();
        tab.WaitForWrites(1);
        Assert.Equal(1, tab.Writes);

        // No click, no save: a wait for a second one ends with the count it saw.
        var timedOut = Assert.Throws<TimeoutException>(() => tab.WaitForWrites(2, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("saved to the tab 1 times", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLiveState_example_from_its_XML_doc_writes_the_next_page_to_the_URL()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;

        // The example, as documented on AddLiveState.
        ctx.AddLiveState();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/catalog?page=2");
        var cut = ctx.Render<Catalog>();
        cut.Find("[data-testid=next]").Click();
        cut.WaitForAssertion(() => Assert.EndsWith("?page=3", navigation.Uri, StringComparison.Ordinal));

        Assert.Equal("3", cut.Find("[data-testid=page]").TextContent);
        Assert.Empty(ctx.JSInterop.Invocations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tab_state_is_sealed_to_the_user_signed_in_with_AddAuthorization(bool authorizeFirst)
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        var auth = authorizeFirst ? ctx.AddAuthorization() : null;
        ctx.AddLiveState();
        auth ??= ctx.AddAuthorization();
        auth.SetAuthorized("ada");
        var tab = ctx.JSInterop.SetupTabState();
        tab.Tamper(CounterEntry, Sealed(ctx, tab, "ada", count: 4));

        var cut = ctx.Render<Counter>();

        Assert.Equal(4, cut.Instance.Count);
    }

    [Fact]
    public void Tab_state_saved_for_the_anonymous_user_does_not_open_for_a_signed_in_one()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        var logs = new RecordingLoggerProvider();
        ctx.Services.AddLogging(b => b.AddProvider(logs));
        ctx.AddLiveState();
        ctx.AddAuthorization().SetAuthorized("ada");
        var tab = ctx.JSInterop.SetupTabState();
        tab.Tamper(CounterEntry, Sealed(ctx, tab, user: "", count: 4));

        var cut = ctx.Render<Counter>();

        Assert.Equal(0, cut.Instance.Count);
        Assert.Single(logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("was dropped", StringComparison.Ordinal));
    }

    private static string Sealed(BunitContext ctx, BunitTabStateStorage tab, string user, int count)
    {
        var seal = ctx.Services.GetRequiredService<TabStateSeal>();
        var identity = new TabIdentity(tab.TabId, user);
        var values = new Dictionary<string, byte[]> { ["Count"] = Encoding.UTF8.GetBytes(count.ToString(CultureInfo.InvariantCulture)) };
        return WebEncoders.Base64UrlEncode(seal.Seal(identity, CounterEntry, "test", values));
    }
}
