using Blazor.LiveState.Reconnect;
using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit: when the tab-state store cannot be read as a tab that may have saved state restores, asks the
/// page, once, to wait for an instance that answers ready and reload, as after a crash. Its defaults would be a wrong
/// value on screen, and the next change would save them over what the store holds; a ready instance can read the
/// store (its readiness checks it), so the reloaded page shows the state.
/// </summary>
internal sealed class StoreOutageReload(IJSRuntime js, IOptions<LiveStateOptions> options, ILogger<StoreOutageReload> logger)
{
    private Task<bool>? _asked;

    /// <summary>
    /// Whether the page will reload (or is leaving already): true once it took the request on; false when it could not
    /// be asked (logged), and the components start from their defaults as before.
    /// </summary>
    public Task<bool> RequestAsync() => _asked ??= AskAsync();

    private async Task<bool> AskAsync()
    {
        var timeout = options.Value.TabState.LoadTimeout;
        try
        {
            using var cancellation = new CancellationTokenSource(timeout);
            return await js.InvokeAsync<bool>(LiveStateInterop.ReloadWhenReady, cancellation.Token, ConnectionOutcomes.TabStateUnavailable);
        }
        catch (JSException e)
        {
            TabStateLog.ReloadNotAsked(logger, LogText.FromBrowser(e.Message, 80), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A dropped connection, no answer in time, a circuit going away: the page cannot be asked.
            TabStateLog.ReloadNotAsked(logger, e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.GetType().Name, e);
        }

        return false;
    }
}
