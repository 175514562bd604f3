using Blazor.LiveState.Draining;
using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Shared;

/// <summary>
/// What the kit knows about the current DI scope: whether it is a live circuit (interactive) or a
/// prerender or static render, in which nothing can be written back to the browser; and, for a circuit,
/// how to ask its page to save and move when the instance drains.
/// </summary>
internal sealed class LiveCircuit(IJSRuntime js, IServiceProvider services)
{
    public bool IsInteractive { get; private set; }

    public string? CircuitId { get; private set; }

    /// <summary>Marks a scope that renders interactively without a circuit (bUnit's renderer).</summary>
    internal void MarkInteractive(string id)
    {
        IsInteractive = true;
        CircuitId = id;
    }

    /// <summary>
    /// Asks the page to save what it holds and to move to another instance after <paramref name="moveAfter"/>.
    /// Returns whether it will move; false when it has nowhere to go (it then waits for a server to come back).
    /// </summary>
    public async Task<bool> AskToMoveAsync(TimeSpan moveAfter, CancellationToken cancellationToken)
    {
        // Tab state the last event changed goes out before the page is told to leave.
        if (services.GetService<TabStateSession>() is { } tabs)
        {
            await tabs.WhenSavedAsync().WaitAsync(cancellationToken);
        }

        var answer = await js.InvokeAsync<string?>(LiveStateInterop.Drain, cancellationToken, (long)moveAfter.TotalMilliseconds);
        return answer == "moving";
    }

    /// <summary>
    /// Marks the scope as a circuit's (before the circuit renders its first component) and lists it while it
    /// has a connection; Blazor raises "connection up" right after "opened".
    /// </summary>
    internal sealed class Handler(LiveCircuit circuit, CircuitRegistry registry) : CircuitHandler
    {
        // Before the kit's other handlers, so they see the circuit marked.
        public override int Order => -1_000;

        public override Task OnCircuitOpenedAsync(Circuit opened, CancellationToken cancellationToken)
        {
            circuit.IsInteractive = true;
            circuit.CircuitId = opened.Id;
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit connected, CancellationToken cancellationToken)
        {
            registry.Add(connected.Id, circuit);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit disconnected, CancellationToken cancellationToken)
        {
            registry.Remove(disconnected.Id);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit closed, CancellationToken cancellationToken)
        {
            registry.Remove(closed.Id);
            return Task.CompletedTask;
        }
    }
}
