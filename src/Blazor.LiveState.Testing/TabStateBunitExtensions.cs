using Bunit;

namespace Blazor.LiveState.Testing;

/// <summary>Stands in for the browser tab's storage that <see cref="TabStateAttribute"/> properties use.</summary>
public static class TabStateBunitExtensions
{
    /// <summary>
    /// Answers the kit's tab-state calls (<c>BlazorLiveState.tabState.open</c> and <c>write</c>) from an
    /// in-memory tab, so components with <see cref="TabStateAttribute"/> properties render with JS interop in
    /// strict mode. What a component saves stays in the returned tab: render the component again in the same
    /// test context (as after a reload) and its state comes back.
    /// </summary>
    /// <param name="interop">The test context's <c>JSInterop</c>.</param>
    /// <returns>The tab, to inspect what was saved or to start over.</returns>
    /// <example>
    /// <code>
    /// ctx.AddLiveState();
    /// var tab = ctx.JSInterop.SetupTabState();
    /// var first = ctx.Render&lt;Counter&gt;();
    /// first.Find("button").Click();
    /// tab.WaitForWrites(1);   // the click's save (it renders nothing, so WaitForAssertion could miss it)
    /// await ctx.DisposeComponentsAsync();
    /// var second = ctx.Render&lt;Counter&gt;();   // as after a reload: Count is back
    /// </code>
    /// </example>
    public static BunitTabStateStorage SetupTabState(this BunitJSInterop interop)
    {
        ArgumentNullException.ThrowIfNull(interop);
        var tab = new BunitTabStateStorage();
        interop.AddInvocationHandler(new BunitTabStateStorage.OpenHandler(tab));
        interop.AddInvocationHandler(new BunitTabStateStorage.WriteHandler(tab));
        return tab;
    }
}
