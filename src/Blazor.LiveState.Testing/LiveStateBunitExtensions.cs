using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Blazor.LiveState.Testing;

/// <summary>
/// Sets up a bUnit <see cref="BunitContext"/> so that components using Blazor.LiveState render in tests.
/// </summary>
public static class LiveStateBunitExtensions
{
    /// <summary>
    /// Registers the Blazor.LiveState services in the test context, as <c>AddLiveState</c> does in the app.
    /// </summary>
    /// <param name="context">The bUnit test context.</param>
    /// <param name="configure">Sets options, as in the app.</param>
    /// <returns>The same <paramref name="context"/>, for chaining.</returns>
    /// <example>
    /// <code>
    /// using var ctx = new BunitContext();
    /// ctx.AddLiveState(o => o.BuildVersion = "test");
    /// var cut = ctx.Render&lt;MyPage&gt;();
    /// </code>
    /// </example>
    public static BunitContext AddLiveState(this BunitContext context, Action<LiveStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.AddLiveState(configure);
        return context;
    }
}
