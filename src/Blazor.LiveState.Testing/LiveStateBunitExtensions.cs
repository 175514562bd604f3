using Blazor.LiveState.Binding;
using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Blazor.LiveState.Testing;

/// <summary>
/// Sets up a bUnit <see cref="BunitContext"/> so that components using Blazor.LiveState render in tests.
/// </summary>
public static class LiveStateBunitExtensions
{
    /// <summary>
    /// Registers the Blazor.LiveState services in the test context, as <c>AddLiveState</c> does in the app,
    /// with what a test needs: components render as in a live circuit (URL and tab state are written), URL
    /// writes are not throttled (<see cref="Urls.UrlStateOptions.WriteThrottle"/> is zero unless
    /// <paramref name="configure"/> sets it), and tab state is sealed with in-memory keys.
    /// </summary>
    /// <param name="context">The bUnit test context.</param>
    /// <param name="configure">Sets options, as in the app.</param>
    /// <returns>The same <paramref name="context"/>, for chaining.</returns>
    /// <example>
    /// <code>
    /// using var ctx = new BunitContext();
    /// ctx.AddLiveState();
    /// var navigation = ctx.Services.GetRequiredService&lt;NavigationManager&gt;();
    /// navigation.NavigateTo("/catalog?page=2");
    /// var cut = ctx.Render&lt;Catalog&gt;();
    /// cut.Find("[data-testid=next]").Click();
    /// cut.WaitForAssertion(() =&gt; Assert.EndsWith("?page=3", navigation.Uri));
    /// </code>
    /// </example>
    public static BunitContext AddLiveState(this BunitContext context, Action<LiveStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.AddLiveState(o =>
        {
            o.UrlState.WriteThrottle = TimeSpan.Zero;
            configure?.Invoke(o);
        });

        // bUnit renders interactively without a circuit: tell the kit so, as a circuit's handler would.
        context.Services.Replace(ServiceDescriptor.Scoped(sp =>
        {
            var circuit = ActivatorUtilities.CreateInstance<LiveCircuit>(sp);
            circuit.MarkInteractive("bunit");
            return circuit;
        }));
        context.Services.TryAddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return context;
    }
}
