using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Blazor.LiveState.Draining;

/// <summary>
/// The circuits of this process that have a connection, which Blazor does not list publicly; filled by the
/// <see cref="Handler"/>. A circuit whose connection dropped is out: its page left (a reload, a move to
/// another instance), even though Blazor keeps the circuit for a while in case it comes back.
/// </summary>
internal sealed class CircuitRegistry
{
    private readonly ConcurrentDictionary<string, MovablePage> _circuits = new(StringComparer.Ordinal);
    private readonly Lock _closedLock = new();
    private TaskCompletionSource _changed = NewSignal();

    public int Count => _circuits.Count;

    public IReadOnlyCollection<MovablePage> Snapshot() => [.. _circuits.Values];

    public bool Contains(string circuitId) => _circuits.ContainsKey(circuitId);

    public void Add(string circuitId, MovablePage page) => _circuits[circuitId] = page;

    public void Remove(string circuitId)
    {
        _circuits.TryRemove(circuitId, out _);
        lock (_closedLock)
        {
            _changed.TrySetResult();
            _changed = NewSignal();
        }
    }

    /// <summary>Completes the next time a circuit closes or loses its connection.</summary>
    public Task CircuitClosed()
    {
        lock (_closedLock)
        {
            return _changed.Task;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lists the circuit's page while it has a connection; Blazor raises "connection up" right after "opened".</summary>
    internal sealed class Handler(MovablePage page, CircuitRegistry registry) : CircuitHandler
    {
        // Among the first handlers, so a drain that starts while the others run already finds the page.
        public override int Order => -1_000;

        public override Task OnConnectionUpAsync(Circuit connected, CancellationToken cancellationToken)
        {
            registry.Add(connected.Id, page);
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
