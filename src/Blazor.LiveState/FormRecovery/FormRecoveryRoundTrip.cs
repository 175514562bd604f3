using System.ComponentModel;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Infrastructure for <see cref="FormRecovery"/>'s browser script; apps do not call it.
/// </summary>
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
