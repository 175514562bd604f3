using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The readiness budget of one instance: it admits at most <see cref="ReconnectOptions.ReadyPagesPerSecond"/>
/// waiting pages a second, so that a starting instance is not hit by every page of an outage at once (each
/// admitted page goes on to render: the check of its own address, then the reload). A token bucket: it holds at
/// most a tenth of a second's budget (at least one page) and refills at the budget's rate. A page over the budget
/// is told to come back at its turn: the turns of the pages told to wait are spaced by the budget's interval, one
/// after another, plus a random part of up to a tenth of a second, so that they return at the rate the bucket
/// refills, spread, and each asks about twice. The same algorithm runs in <c>bench/readiness/admission.mjs</c>;
/// a shared table of cases pins both.
/// </summary>
internal sealed class ReadinessAdmission
{
    /// <summary>
    /// The longest turn a page is given, whatever the queue: past it, it asks again and is given a new turn. It also
    /// bounds how far ahead the queue reaches.
    /// </summary>
    internal const double MaxRetryAfterMs = 300_000;

    private readonly double _tokensPerMs;
    private readonly double _capacity;
    private readonly double _intervalMs;
    private readonly double _spreadMs;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly long _origin;
    private readonly Lock _lock = new();
    private double _tokens;
    private double? _lastMs;
    private double _queueEndMs = double.NegativeInfinity;

    public ReadinessAdmission(IOptions<LiveStateOptions> options, TimeProvider time)
        : this(options.Value.Reconnect.ReadyPagesPerSecond, time, Random.Shared.NextDouble)
    {
    }

    internal ReadinessAdmission(int pagesPerSecond, TimeProvider time, Func<double> random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerSecond, 1);
        _tokensPerMs = pagesPerSecond / 1000.0;
        _capacity = Math.Max(1, Math.Ceiling(pagesPerSecond / 10.0));
        _intervalMs = 1000.0 / pagesPerSecond;
        _spreadMs = _capacity / _tokensPerMs;
        _tokens = _capacity;
        _time = time;
        _random = random;
        _origin = time.GetTimestamp();
    }

    /// <summary>Admits a page now, or gives it a turn to come back at.</summary>
    public Admission TryAdmit() => TryAdmit(_time.GetElapsedTime(_origin).TotalMilliseconds, _random());

    /// <summary>The algorithm on its own clock (milliseconds) and random draw in [0, 1): what the shared cases pin.</summary>
    internal Admission TryAdmit(double nowMs, double random)
    {
        lock (_lock)
        {
            var last = _lastMs ?? nowMs;
            _tokens = Math.Min(_capacity, _tokens + (Math.Max(0, nowMs - last) * _tokensPerMs));
            _lastMs = Math.Max(last, nowMs);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return Admission.Immediate;
            }

            // The page's turn: after the pages already told to wait, and not before the bucket holds a token again;
            // never further ahead than the longest turn, so that a flood of probes cannot push the queue out for ever.
            var startsQueue = _queueEndMs <= nowMs;
            var turn = Math.Min(Math.Max(_queueEndMs, nowMs + ((1 - _tokens) / _tokensPerMs)), nowMs + MaxRetryAfterMs);
            _queueEndMs = turn + _intervalMs;
            var wait = Math.Min(MaxRetryAfterMs, Math.Ceiling(turn - nowMs + (random * _spreadMs)));
            return new Admission(false, wait, startsQueue);
        }
    }
}

/// <summary>What the budget says to one page: come in, or come back after <paramref name="RetryAfterMs"/>.</summary>
/// <param name="Admitted">Whether the page may go on now.</param>
/// <param name="RetryAfterMs">When not admitted, how long the page waits before it asks again.</param>
/// <param name="StartsQueue">Whether this page is the first one told to wait since the queue last emptied.</param>
internal readonly record struct Admission(bool Admitted, double RetryAfterMs, bool StartsQueue)
{
    public static Admission Immediate { get; } = new(true, 0, false);
}
