using Microsoft.JSInterop;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Disposal of JavaScript object references that swallows the exceptions of a connection that is
/// already gone: in a library about lost circuits that is the normal case.
/// </summary>
internal static class JsObjectReferences
{
    /// <summary>Disposes a JS object reference, ignoring a connection that went away first.</summary>
    public static async ValueTask DisposeQuietlyAsync(IJSObjectReference? reference)
    {
        if (reference is null)
        {
            return;
        }

        try
        {
            await reference.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
        }
    }
}
