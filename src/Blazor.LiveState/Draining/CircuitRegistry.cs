using System.Collections.Concurrent;
using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Draining;

/// <summary>
/// The circuits of this process that have a connection, which Blazor does not list publicly; filled by the
/// kit's circuit handler. A circuit whose connection dropped is out: its page left (a reload, a move to
/// another instance), even though Blazor keeps the circuit for a while in case it comes back.
/// </summary>
internal sealed class CircuitRegistry
{
    private readonly ConcurrentDictionary<string, LiveCircuit> _circuits = new(StringComparer.Ordinal);
    private readonly Lock _closedLock = new();
    private TaskCompletionSource _changed = NewSignal();

    public int Count => _circuits.Count;

    public IReadOnlyCollection<LiveCircuit> Snapshot() => [.. _circuits.Values];

    public bool Contains(string circuitId) => _circuits.ContainsKey(circuitId);

    public void Add(string circuitId, LiveCircuit circuit) => _circuits[circuitId] = circuit;

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
}
