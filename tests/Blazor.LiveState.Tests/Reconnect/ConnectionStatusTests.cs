using Bunit;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class ConnectionStatusTests : BunitContext
{
    public ConnectionStatusTests() => JSInterop.Mode = JSRuntimeMode.Strict;

    [Fact]
    public void Renders_hidden_live_region_with_a_message_per_state_and_no_js_calls()
    {
        var cut = Render<ConnectionStatus>();

        var root = cut.Find("[data-livestate-status]");
        Assert.True(root.HasAttribute("hidden"), "Nothing shows while connected.");
        Assert.Equal("status", root.GetAttribute("role"));
        Assert.Equal("polite", cut.Find("[data-livestate-announce]").GetAttribute("aria-live"));
        var states = cut.FindAll("[data-state-content]").Select(e => e.GetAttribute("data-state-content"));
        Assert.Equal(["reconnecting", "offline", "reloading", "failed"], states);
        Assert.NotNull(cut.Find("[data-state-content=failed] button[data-livestate-reload]"));
        Assert.NotNull(cut.Find("[data-livestate-countdown]"));
        // The browser module drives it; the component itself never calls JS.
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Child_content_replaces_the_default_messages_and_attributes_pass_through()
    {
        var cut = Render<ConnectionStatus>(p => p
            .Add(c => c.Class, "my-status")
            .AddUnmatched("data-testid", "status")
            .AddChildContent("<p data-state-content=\"reconnecting\">Hang on…</p>"));

        var root = cut.Find("[data-livestate-status]");
        Assert.Contains("my-status", root.ClassList);
        Assert.Equal("status", root.GetAttribute("data-testid"));
        Assert.Equal("Hang on…", Assert.Single(cut.FindAll("[data-state-content]")).TextContent);
        Assert.NotNull(cut.Find("[data-livestate-announce]"));
    }
}
