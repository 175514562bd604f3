using System.Security.Claims;
using System.Security.Cryptography;
using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
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
    /// writes are not throttled (<see cref="UrlStateOptions.WriteThrottle"/> is zero unless
    /// <paramref name="configure"/> sets it), and tab state is sealed for an anonymous user (call bUnit's
    /// <c>AddAuthorization()</c> to sign one in) with in-memory keys of this context's own: the machine's
    /// Data Protection key ring is never read or written. To seal with other keys, register an
    /// <see cref="IDataProtectionProvider"/> after this call.
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

        // AddLiveState has registered Data Protection's key-ring provider, which would seal tab state with the
        // machine's key ring ($HOME/.aspnet): a test would then depend on that folder's state (its first key
        // logs "No XML encryptor configured") and could open tokens sealed by another test. Each context gets
        // keys of its own, in memory. A test that wants other keys registers its provider after this call.
        context.Services.RemoveAll<IDataProtectionProvider>();
        context.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        // Form snapshots are tagged with their owner under a key of the app's key ring; a test has none (and must
        // not read one from the machine): a random key of the test stands in.
        var ownerKey = RandomNumberGenerator.GetBytes(32);
        context.Services.Replace(ServiceDescriptor.Singleton(new FormOwnerTags(() => ownerKey)));

        // Tab state is sealed to the signed-in user, so the kit asks for one; bUnit's placeholder provider
        // throws when asked. An anonymous user stands in unless the test calls AddAuthorization (its
        // provider is registered as an instance, before or after this call, and wins).
        var placeholders = context.Services
            .Where(d => d.ServiceType == typeof(AuthenticationStateProvider) && d.ImplementationType?.Assembly == typeof(BunitContext).Assembly)
            .ToList();
        foreach (var placeholder in placeholders)
        {
            var index = context.Services.IndexOf(placeholder);
            context.Services[index] = ServiceDescriptor.Singleton<AuthenticationStateProvider>(new AnonymousAuthenticationStateProvider());
        }

        return context;
    }

    private sealed class AnonymousAuthenticationStateProvider : AuthenticationStateProvider
    {
        private readonly Task<AuthenticationState> _anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => _anonymous;
    }
}
