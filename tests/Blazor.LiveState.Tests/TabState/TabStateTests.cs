using System.Security.Cryptography;
using System.Text;
using Blazor.LiveState.Testing;
using Blazor.LiveState.TabState;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.TabState;

public sealed class TabStateTests : BunitContext
{
    private const string Open = "BlazorLiveState.tabState.open";
    private const string Write = "BlazorLiveState.tabState.write";
    private static readonly string CounterEntry = typeof(TabCounter).FullName!;

    private readonly RecordingLoggerProvider _logs = new();
    private readonly BunitTabStateStorage _tab;

    public TabStateTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState();
        Services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _tab = JSInterop.SetupTabState();
    }

    private IReadOnlyList<string> Warnings => [.. _logs.Messages.Where(m => m.StartsWith("Warning:", StringComparison.Ordinal))];

    [Fact]
    public void First_render_asks_the_tab_once_and_saves_nothing()
    {
        var cut = Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == Open);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == Write);
        Assert.Equal(0, _tab.Writes);
        Assert.Empty(_tab.Entries);
    }

    [Fact]
    public void Click_that_changes_a_tab_state_property_saves_it()
    {
        var cut = Render<TabCounter>();

        cut.Find("[data-testid=increment]").Click();

        _tab.WaitForWrites(1);
        Assert.Equal([CounterEntry], _tab.Entries.Keys);
        var write = Assert.Single(JSInterop.Invocations, i => i.Identifier == Write);
        var tokens = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(write.Arguments[0]);
        Assert.Equal(_tab.Entries[CounterEntry], tokens[CounterEntry]);
        // Sealed: the browser never sees the value itself.
        Assert.DoesNotContain("Count", Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(tokens[CounterEntry])), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_properties_changed_in_one_click_are_saved_in_one_write()
    {
        var cut = Render<TabCounter>();

        cut.Find("[data-testid=increment-and-label]").Click();

        _tab.WaitForWrites(1);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == Write);
    }

    [Fact]
    public void Every_click_that_changes_state_is_saved_again()
    {
        var cut = Render<TabCounter>();

        cut.Find("[data-testid=increment]").Click();
        _tab.WaitForWrites(1);
        var first = _tab.Entries[CounterEntry];
        cut.Find("[data-testid=increment]").Click();

        _tab.WaitForWrites(2);
        Assert.NotEqual(first, _tab.Entries[CounterEntry]);
    }

    [Fact]
    public async Task Saved_state_is_restored_before_the_first_render_after_a_reload()
    {
        var first = Render<TabCounter>();
        first.Find("[data-testid=increment]").Click();
        _tab.WaitForWrites(1);
        first.Find("[data-testid=increment-and-label]").Click();
        _tab.WaitForWrites(2);

        await DisposeComponentsAsync();
        var second = Render<TabCounter>();

        Assert.Equal((2, "clicked"), second.Instance.SeenInOnInitialized);
        Assert.Equal("2", second.Find("[data-testid=count]").TextContent);
        Assert.Equal(1, second.RenderCount);
        // Restoring is not a change: nothing is saved again.
        Assert.Equal(2, _tab.Writes);
    }

    [Fact]
    public async Task Duplicated_tab_restores_the_originals_state_and_saves_it_again_under_its_own_id()
    {
        var original = Render<TabCounter>();
        original.Find("[data-testid=increment]").Click();
        _tab.WaitForWrites(1);
        var originalId = _tab.TabId;

        // The browser's "Duplicate tab": a new id naming the original, the entries copied; then the copy's own circuit.
        _tab.Duplicate();
        using var duplicateCircuit = Services.CreateScope();
        var restored = await duplicateCircuit.ServiceProvider.GetRequiredService<TabStateLoader>().LoadAsync(CounterEntry);
        await duplicateCircuit.ServiceProvider.GetRequiredService<TabStateSaver>().WhenSavedAsync();

        Assert.Equal("1", Encoding.UTF8.GetString(Assert.Contains("Count", restored.Values!)));
        Assert.Equal(2, _tab.Writes);
        Assert.Contains(_logs.Messages, m => m.Contains("restored from the tab this one was duplicated from", StringComparison.Ordinal));
        // What the copy holds now opens for its own id only: the two tabs no longer share state.
        var seal = Services.GetRequiredService<TabStateSeal>();
        var token = WebEncoders.Base64UrlDecode(_tab.Entries[CounterEntry]);
        Assert.NotNull(seal.Unseal(new TabIdentity(_tab.TabId, ""), CounterEntry, token, TimeSpan.FromHours(1)).Values);
        Assert.NotNull(seal.Unseal(new TabIdentity(originalId, ""), CounterEntry, token, TimeSpan.FromHours(1)).Failure);
    }

    [Fact]
    public async Task Instances_with_different_TabStateKey_keep_separate_state()
    {
        var first = Render<TabCounterPair>();
        first.Find("#left [data-testid=increment]").Click();
        _tab.WaitForWrites(1);
        first.Find("#left [data-testid=increment]").Click();
        _tab.WaitForWrites(2);
        first.Find("#right [data-testid=increment-and-label]").Click();
        _tab.WaitForWrites(3);

        await DisposeComponentsAsync();
        var second = Render<TabCounterPair>();

        Assert.Equal([CounterEntry + "#left", CounterEntry + "#right"], _tab.Entries.Keys.Order());
        var counters = second.FindComponents<TabCounter>();
        Assert.Equal((2, ""), counters.Single(c => c.Instance.Key == "left").Instance.SeenInOnInitialized);
        Assert.Equal((1, "clicked"), counters.Single(c => c.Instance.Key == "right").Instance.SeenInOnInitialized);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not base64url!")]
    [InlineData("")]
    public void Tampered_entry_restores_nothing_keeps_defaults_and_logs_a_warning(string token)
    {
        _tab.Tamper(CounterEntry, token);

        var cut = Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        var warning = Assert.Single(Warnings);
        Assert.Contains($"Tab state '{CounterEntry}' was dropped", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Forged_entry_of_random_bytes_restores_nothing_keeps_defaults_and_logs_a_warning()
    {
        _tab.Tamper(CounterEntry, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(200)));

        var cut = Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Contains("not sealed for this tab and user", Assert.Single(Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_sealed_for_another_instance_key_restores_nothing()
    {
        _tab.Tamper(CounterEntry + "#right", SealedToken(CounterEntry + "#left", ("Count", "5"u8.ToArray())));

        var cut = Render<TabCounter>(p => p.Add(c => c.Key, "right"));

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Contains("was dropped", Assert.Single(Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Value_saved_by_an_older_build_that_no_longer_fits_is_dropped_with_a_warning()
    {
        var entry = typeof(TabScore).FullName!;
        // The older build's Score was a string; the other value still fits and comes back.
        _tab.Tamper(entry, SealedToken(entry, ("Score", "\"seven\""u8.ToArray()), ("Label", "\"kept\""u8.ToArray())));

        var cut = Render<TabScore>();

        Assert.Equal((10, "kept"), cut.Instance.SeenInOnInitialized);
        Assert.Equal("10", cut.Find("[data-testid=score]").TextContent);
        var warning = Assert.Single(Warnings);
        Assert.Contains("the saved value of Score no longer fits its type", warning, StringComparison.Ordinal);
        Assert.Contains("JsonException", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_over_MaxStateBytes_is_dropped_alone_named_in_a_warning_and_the_other_values_are_saved()
    {
        Services.Configure<LiveStateOptions>(o => o.TabState.MaxStateBytes = 256);
        var first = Render<TabCounter>();

        first.Find("[data-testid=increment]").Click();
        _tab.WaitForWrites(1);
        first.Find("[data-testid=long-label]").Click();
        _tab.WaitForWrites(2);
        first.Find("[data-testid=increment]").Click();

        _tab.WaitForWrites(3);
        var warning = Assert.Single(Warnings);
        Assert.Contains($"Tab state {CounterEntry}.Label is not saved: its value is 1007 bytes", warning, StringComparison.Ordinal);
        Assert.Contains("256 bytes", warning, StringComparison.Ordinal);

        // As after a reload: the counter is back, the label that did not fit has its default.
        await DisposeComponentsAsync();
        var second = Render<TabCounter>();
        Assert.Equal((2, ""), second.Instance.SeenInOnInitialized);

        // Small again: saved as usual, and a later oversized value is named again.
        second.Find("[data-testid=short-label]").Click();
        _tab.WaitForWrites(4);
        await DisposeComponentsAsync();
        Assert.Equal((2, "short"), Render<TabCounter>().Instance.SeenInOnInitialized);
        Assert.Single(Warnings);
    }

    [Fact]
    public async Task Record_with_a_list_round_trips()
    {
        var first = Render<TabCart>();
        first.Find("[data-testid=add]").Click();
        _tab.WaitForWrites(1);
        first.Find("[data-testid=add]").Click();
        _tab.WaitForWrites(2);

        await DisposeComponentsAsync();
        var second = Render<TabCart>();

        var cart = second.Instance.SeenInOnInitialized!;
        Assert.Equal("ada", cart.Owner);
        Assert.Equal([new("sku-1", 2, null), new TabCart.CartLine("sku-2", 3, "gift")], cart.Lines);
        Assert.Equal("2", second.Find("[data-testid=lines]").TextContent);
        Assert.Empty(Warnings);
    }

    [Fact]
    public async Task Failing_authentication_state_provider_turns_tab_state_off_without_breaking_the_component()
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FailingAuthenticationStateProvider());
        _tab.Tamper(CounterEntry, SealedToken(CounterEntry, ("Count", "5"u8.ToArray())));

        var cut = Render<TabCounter>();
        cut.Find("[data-testid=increment]").Click();
        await Services.GetRequiredService<TabStateSaver>().WhenSavedAsync();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Equal("1", cut.Find("[data-testid=count]").TextContent);
        Assert.Contains("the signed-in user could not be read", Assert.Single(Warnings), StringComparison.Ordinal);
        Assert.Equal(0, _tab.Writes);
    }

    /// <summary>Seals values as the kit does for this tab, as an older build of the app would have.</summary>
    private string SealedToken(string entry, params (string Name, byte[] Json)[] values)
    {
        var seal = Services.GetRequiredService<TabStateSeal>();
        var tab = new TabIdentity(_tab.TabId, "");
        var sealedState = seal.Seal(tab, entry, "0.9.0", values.ToDictionary(v => v.Name, v => v.Json));
        return WebEncoders.Base64UrlEncode(sealedState);
    }

    private sealed class FailingAuthenticationStateProvider : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => throw new TimeoutException("the user store did not answer");
    }
}
