using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Asks the page for its stored forms as the circuit opens, so a <see cref="FormRecoveryModelAttribute"/> component's
/// first render already has them. Apps without such a model skip it.
/// </summary>
/// <remarks>
/// Blazor replaces the prerendered page with the circuit's first render, and a component still waiting for its
/// binding renders nothing yet: the page would be blank for a round trip (and a reloaded page scrolled to the top).
/// Blazor awaits every handler's <c>OnCircuitOpenedAsync</c>, then every handler's <c>OnConnectionUpAsync</c>, before
/// it renders. The question goes out in the first, ahead of tab state's (an earlier <see cref="Order"/>), and is
/// awaited in the second, so the two round trips overlap.
/// </remarks>
internal sealed class FormModelCircuitHandler(FormModelUsage usage, StoredFormReader reader) : CircuitHandler
{
    private Task? _asked;

    public override int Order => -100;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (usage.IsDeclared)
        {
            _asked = reader.AskForFirstRenderAsync();
        }

        return Task.CompletedTask;
    }

    // Raised again by every reconnection, when there is nothing left to wait for.
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var asked = _asked;
        _asked = null;
        return asked ?? Task.CompletedTask;
    }
}
