using Blazor.LiveState.Testing;
using Bunit;

namespace Blazor.LiveState.Tests.Testing;

public sealed class LiveStateBunitExtensionsTests
{
    [Fact]
    public void AddLiveState_lets_components_that_use_the_kit_render_with_the_given_options()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;

        ctx.AddLiveState(o => o.BuildVersion = "test-build");
        var cut = ctx.Render<BuildInfo>();

        Assert.Equal("test-build", cut.Find("[data-testid=build]").TextContent);
        Assert.Empty(ctx.JSInterop.Invocations);
    }
}
