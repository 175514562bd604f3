using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Blazor.LiveState.Shared;

/// <summary>
/// What the kit knows about the current DI scope: whether it is a live circuit (interactive) or a
/// prerender or static render, in which nothing can be written back to the browser.
/// </summary>
internal sealed class LiveCircuit
{
    public bool IsInteractive { get; private set; }

    public string? CircuitId { get; private set; }

    /// <summary>Marks the scope as interactive: a circuit's (by <see cref="Handler"/>), or bUnit's renderer, which has none.</summary>
    internal void MarkInteractive(string id)
    {
        IsInteractive = true;
        CircuitId = id;
    }

    /// <summary>Marks the scope as a circuit's, before the circuit renders its first component.</summary>
    internal sealed class Handler(LiveCircuit circuit) : CircuitHandler
    {
        // Before the kit's other handlers, so they see the circuit marked.
        public override int Order => -1_000;

        public override Task OnCircuitOpenedAsync(Circuit opened, CancellationToken cancellationToken)
        {
            circuit.MarkInteractive(opened.Id);
            return Task.CompletedTask;
        }
    }
}
