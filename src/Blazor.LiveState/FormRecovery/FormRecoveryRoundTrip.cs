using System.ComponentModel;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Infrastructure;

/// <summary>
/// Infrastructure for <see cref="FormRecovery"/>'s browser script; apps do not call it.
/// </summary>
/// <remarks>
/// The one public type outside <c>Blazor.LiveState</c> that is not an extension point: Blazor finds a method the
/// browser calls by name (<c>DotNet.invokeMethodAsync</c>) only on the assembly's exported types, and the browser
/// starts a restore before the server could hand it an object reference to call instead. It sits in
/// <c>Blazor.LiveState.Infrastructure</c>, as aspnetcore keeps such types in <c>Microsoft.AspNetCore.Components.Infrastructure</c>,
/// so an app's <c>@using Blazor.LiveState</c> does not show it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FormRecoveryRoundTrip
{
    /// <summary>
    /// Does nothing. The browser calls it between two restored fields: the call waits in the circuit's queue
    /// behind the events sent before it, so its answer means they were handled and their render is on the page.
    /// </summary>
    /// <remarks>
    /// Public and static because Blazor only lets the browser call public static methods by name
    /// (<c>DotNet.invokeMethodAsync</c>).
    /// </remarks>
    [JSInvokable(nameof(RoundTrip))]
    public static void RoundTrip()
    {
    }
}
