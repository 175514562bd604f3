using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Blazor.LiveState.Binding;

/// <summary>
/// What the kit knows about the current DI scope: whether it is a live circuit (interactive) or a
/// prerender or static render, in which nothing can be written back to the browser.
/// </summary>
internal sealed class LiveCircuit
{
    public bool IsInteractive { get; private set; }

    public string? CircuitId { get; private set; }

    /// <summary>Marks the scope as a circuit's; runs before the circuit renders its first component.</summary>
    internal sealed class Handler(LiveCircuit circuit) : CircuitHandler
    {
        // Before the kit's other handlers, so they see the circuit marked.
        public override int Order => -1_000;

        public override Task OnCircuitOpenedAsync(Circuit opened, CancellationToken cancellationToken)
        {
            circuit.IsInteractive = true;
            circuit.CircuitId = opened.Id;
            return Task.CompletedTask;
        }
    }
}
