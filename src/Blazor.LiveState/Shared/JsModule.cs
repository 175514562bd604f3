using Microsoft.JSInterop;

namespace Blazor.LiveState.Shared;

/// <summary>
/// One of the kit's JavaScript modules, imported on first use. Disposal swallows the exceptions of
/// a connection that is already gone: in a library about lost circuits that is the normal case.
/// </summary>
internal sealed class JsModule(IJSRuntime js, string path) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    public Task<IJSObjectReference> GetAsync() => _module ??= js.InvokeAsync<IJSObjectReference>("import", path).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            await DisposeQuietlyAsync(_module.Result);
        }
    }

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
