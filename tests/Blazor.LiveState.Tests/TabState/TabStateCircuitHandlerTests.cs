using System.Runtime.Loader;
using Blazor.LiveState.Testing;
using Blazor.LiveState.TabState;
using Bunit;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Blazor.LiveState.Tests.TabState;

public sealed class TabStateCircuitHandlerTests : BunitContext
{
    private const string Open = "BlazorLiveState.tabState.open";

    public TabStateCircuitHandlerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState();
        JSInterop.SetupTabState();
    }

    [Fact]
    public async Task Opening_circuit_learns_the_tab_before_rendering_and_components_restore_without_asking_again()
    {
        Services.AddSingleton(new TabStateUsage(() => [typeof(TabCounter).Assembly]));

        await Handler().OnCircuitOpenedAsync(null!, CancellationToken.None);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == Open);

        var cut = Render<TabCounter>();

        Assert.Equal((0, ""), cut.Instance.SeenInOnInitialized);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == Open);
    }

    [Fact]
    public async Task Opening_circuit_of_an_app_without_tab_state_does_not_ask_the_browser()
    {
        Services.AddSingleton(new TabStateUsage(() => [typeof(string).Assembly]));

        await Handler().OnCircuitOpenedAsync(null!, CancellationToken.None);

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == Open);
    }

    [Fact]
    public void Usage_is_found_from_a_tab_state_property_in_an_app_assembly()
    {
        Assert.True(new TabStateUsage(() => [typeof(TabCounter).Assembly]).IsDeclared);
        Assert.False(new TabStateUsage(() => [typeof(string).Assembly, typeof(LiveComponentBase).Assembly]).IsDeclared);
    }

    [Fact]
    public void Plugin_assembly_loaded_after_the_first_circuit_is_found_by_a_later_one()
    {
        using var usage = new TabStateUsage(() => [typeof(string).Assembly], watchLoads: true);
        Assert.False(usage.IsDeclared);

        // A plugin: a copy of this test assembly, which declares [TabState] properties, in a context of its own.
        var plugin = new AssemblyLoadContext("tab-state-plugin", isCollectible: true);
        try
        {
            plugin.LoadFromAssemblyPath(typeof(TabCounter).Assembly.Location);

            Assert.True(usage.IsDeclared);
        }
        finally
        {
            plugin.Unload();
        }
    }

    private TabStateCircuitHandler Handler() =>
        Assert.Single(Services.GetServices<CircuitHandler>().OfType<TabStateCircuitHandler>());
}
