using Blazor.LiveState.Shared;
using Bunit;

namespace Blazor.LiveState.Tests.FormRecovery;

public sealed class LiveStateHeadTests : BunitContext
{
    [Fact]
    public void Renders_one_inline_script_that_reads_the_reload_focus_record_and_touches_neither_the_browser_nor_the_server()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;

        var cut = Render<LiveStateHead>();

        var script = Assert.Single(cut.FindAll("script"));
        Assert.False(script.HasAttribute("src"), "Inline: it must run before the body is parsed, with no request.");
        Assert.Contains($"sessionStorage.getItem('{LiveStateInterop.StorageKeys.ReloadFocus}')", script.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("setItem", script.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("removeItem", script.TextContent, StringComparison.Ordinal);
        Assert.Empty(JSInterop.Invocations);
    }
}
