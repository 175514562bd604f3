using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Whether a page may load from this instance now: it takes new circuits (no drain, not stopping) and it
/// can render a page and read what the page needs (its Data Protection keys, the tab-state store, the
/// app's readiness health checks). Browsers poll this while they wait, possibly thousands of them, so
/// the checks run at most once a second (callers in between share the last answer; while a run is under way
/// they get the one before it if it was "not ready", and otherwise wait for the run) and each is bounded by a
/// timeout.
/// </summary>
internal sealed class InstanceReadiness
{
    /// <summary>How long an answer of the checks is reused.</summary>
    internal static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one check may take before it counts as failed: well under a page's probe timeout (2 s by
    /// default), so that even the first answer arrives before the page stops waiting for it.
    /// </summary>
    internal static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    private readonly DrainCoordinator _drain;
    private readonly CachedChecks _kit;
    private readonly CachedChecks _all;

    public InstanceReadiness(DrainCoordinator drain, IEnumerable<IReadinessCheck> checks, TimeProvider time, ILogger<InstanceReadiness> logger)
    {
        _drain = drain;
        var list = checks.ToList();
        _kit = new CachedChecks([.. list.Where(c => c is not AppHealthReadinessCheck)], time, logger);
        _all = new CachedChecks(list, time, logger);
    }

    /// <summary>Every check: what the readiness endpoint answers.</summary>
    public Task<ReadinessState> CheckAsync() => CheckAsync(_all);

    /// <summary>The kit's own checks, without the app's health checks: what the <c>livestate</c> health check reports.</summary>
    public Task<ReadinessState> CheckKitAsync() => CheckAsync(_kit);

    private Task<ReadinessState> CheckAsync(CachedChecks checks)
    {
        if (!_drain.TakesNewCircuits)
        {
            return Task.FromResult(new ReadinessState(false, _drain.IsDraining ? "draining" : "stopping"));
        }

        return checks.GetAsync();
    }

    /// <summary>A set of checks run together, with the last answer reused for <see cref="ReuseFor"/>.</summary>
    private sealed class CachedChecks(IReadOnlyList<IReadinessCheck> checks, TimeProvider time, ILogger logger)
    {
        private readonly Lock _lock = new();
        private Task<ReadinessState>? _answer;
        private Task<ReadinessState>? _previous;
        private long _startedAt;
        private bool _wasReady = true;

        public Task<ReadinessState> GetAsync()
        {
            if (checks.Count == 0)
            {
                return Task.FromResult(ReadinessState.Passed);
            }

            lock (_lock)
            {
                if (_answer is null || (_answer.IsCompleted && time.GetElapsedTime(_startedAt) >= ReuseFor))
                {
                    _previous = _answer ?? _previous;
                    _startedAt = time.GetTimestamp();
                    _answer = RunAsync();
                }

                // While a run is under way (a store that hangs takes the whole timeout), callers that the last run
                // told "not ready" get that at once, so that pages waiting out an outage are never kept waiting
                // here. A last "ready" is not reused: the store may have stopped answering since, and a page
                // sent here then finds its state unreadable. Those callers wait for the run, which its timeout
                // keeps under a page's probe timeout.
                return !_answer.IsCompleted && _previous is { IsCompletedSuccessfully: true, Result.Ready: false } ? _previous : _answer;
            }
        }

        private async Task<ReadinessState> RunAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var failures = await Task.WhenAll(checks.Select(RunOneAsync));
            var failed = failures.Where(f => f is not null).ToList();
            var state = failed.Count == 0 ? ReadinessState.Passed : new ReadinessState(false, string.Join(",", failed.Select(f => f!.Value.Name)));
            LogChange(state, failed, Stopwatch.GetElapsedTime(started));
            return state;
        }

        private async Task<(string Name, Exception Error)?> RunOneAsync(IReadinessCheck check)
        {
            using var timeout = new CancellationTokenSource(CheckTimeout, time);
            try
            {
                await check.RunAsync(timeout.Token).WaitAsync(CheckTimeout, time);
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return (check.Name, e);
            }
        }

        // Once per change, not once per probe: thousands of waiting pages must not flood the log.
        private void LogChange(ReadinessState state, List<(string Name, Exception Error)?> failed, TimeSpan took)
        {
            lock (_lock)
            {
                if (state.Ready == _wasReady)
                {
                    return;
                }

                _wasReady = state.Ready;
            }

            if (state.Ready)
            {
                DrainLog.ReadyAgain(logger, took.TotalMilliseconds);
            }
            else
            {
                foreach (var (name, error) in failed.Select(f => f!.Value))
                {
                    DrainLog.NotReady(logger, name, error is TimeoutException or OperationCanceledException ? $"no answer within {CheckTimeout.TotalSeconds:0.#} s" : error.GetType().Name, error);
                }
            }
        }
    }
}

/// <summary>A readiness answer: ready, or not and why (<c>draining</c>, <c>stopping</c>, or the failed checks' names).</summary>
internal readonly record struct ReadinessState(bool Ready, string? Reason)
{
    public static ReadinessState Passed { get; } = new(true, null);
}
