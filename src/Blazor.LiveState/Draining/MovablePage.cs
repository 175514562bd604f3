using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Draining;

/// <summary>The page of one circuit, as a drain sees it: asked to save what it holds and to move to another instance.</summary>
internal sealed class MovablePage(LiveCircuit circuit, IJSRuntime js, IServiceProvider services)
{
    public string? CircuitId => circuit.CircuitId;

    /// <summary>
    /// Asks the page to save what it holds and to move to another instance after <paramref name="moveAfter"/>.
    /// Returns whether it will move; false when it has nowhere to go (it then waits for a server to come back).
    /// </summary>
    public async Task<bool> AskToMoveAsync(TimeSpan moveAfter, CancellationToken cancellationToken)
    {
        // Tab state the last event changed goes out before the page is told to leave.
        if (services.GetService<TabStateSaver>() is { } tabs)
        {
            await tabs.WhenSavedAsync().WaitAsync(cancellationToken);
        }

        var answer = await js.InvokeAsync<string?>(LiveStateInterop.Drain, cancellationToken, (long)moveAfter.TotalMilliseconds);
        return answer == "moving";
    }
}
