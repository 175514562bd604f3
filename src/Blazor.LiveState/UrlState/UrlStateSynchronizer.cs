using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.UrlState;

/// <summary>
/// One per circuit: merges the URL writes of every bound component into one navigation per batch
/// (throttled), tells the kit's own navigations apart from the user's (Back, Forward, links), and hands
/// the latter to every binding.
/// </summary>
/// <remarks>
/// Writes go through <see cref="NavigationManager.NavigateTo(string, NavigationOptions)"/>, the supported
/// way that keeps <see cref="NavigationManager.Uri"/> right for the rest of the app. With an interactive
/// router that is a history update and no request; without one (per-page interactivity) Blazor fetches
/// the page, once per merged write (see docs/url-state.md).
/// </remarks>
internal sealed class UrlStateSynchronizer : IDisposable
{
    // A navigation that never came back (cancelled by a location-changing handler) stops counting as ours.
    private static readonly TimeSpan InFlightLifetime = TimeSpan.FromSeconds(10);

    private readonly NavigationManager _navigation;
    private readonly UrlStateOptions _options;
    private readonly ILogger<UrlStateSynchronizer> _logger;
    private readonly List<UrlStateBinding> _bindings = [];
    private readonly Dictionary<string, PendingWrite> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(QueryValues Target, long IssuedAt)> _inFlight = [];

    // Keys whose refused write was already logged as a warning: typing past a limit must not flood the log.
    private readonly HashSet<string> _warnedKeys = new(StringComparer.OrdinalIgnoreCase);
    private string? _latestTarget;
    private bool _flushScheduled;
    private long _lastFlushAt;
    private bool _listening;

    public UrlStateSynchronizer(NavigationManager navigation, IOptions<LiveStateOptions> options, ILogger<UrlStateSynchronizer> logger)
    {
        _navigation = navigation;
        _options = options.Value.UrlState;
        Limits = new UrlValueLimits(_options);
        _logger = logger;
    }

    /// <summary>The URL the page shows, or is about to show once the kit's last write reaches the browser.</summary>
    public string CurrentUri => _latestTarget ?? _navigation.Uri;

    /// <summary>What is read from a URL, and so what is written to it.</summary>
    public UrlValueLimits Limits { get; }

    /// <summary>How many navigations the kit has made in this circuit (for tests and benchmarks).</summary>
    public int Writes { get; private set; }

    public void Register(UrlStateBinding binding)
    {
        _bindings.Add(binding);
        if (!_listening)
        {
            _listening = true;
            _navigation.LocationChanged += OnLocationChanged;
        }
    }

    public void Unregister(UrlStateBinding binding) => _bindings.Remove(binding);

    /// <summary>
    /// Asks for <paramref name="key"/> to hold <paramref name="values"/> (null: leave the key out). Written
    /// after the current event, merged with every other write until then.
    /// </summary>
    public void Write(string key, string[]? values, UrlHistory history)
    {
        var push = history == UrlHistory.Push || (_pending.TryGetValue(key, out var earlier) && earlier.Push);
        _pending[key] = new PendingWrite(values, push);
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _ = FlushSoonAsync();
        }
    }

    /// <summary>
    /// Writes now what is pending, unless a write went out less than <see cref="UrlStateOptions.WriteThrottle"/>
    /// ago (the scheduled write at the end of the throttle window takes it then). Called once a component has
    /// committed every change of an event, so the address bar changes as soon as a hand-written
    /// <c>NavigateTo</c> would have changed it.
    /// </summary>
    public void FlushIfDue()
    {
        if (_pending.Count > 0 && ThrottleLeft() <= TimeSpan.Zero)
        {
            Flush();
        }
    }

    /// <summary>How long until the next write may go out: zero or less when it may now.</summary>
    private TimeSpan ThrottleLeft() =>
        _lastFlushAt == 0 ? TimeSpan.Zero : _options.WriteThrottle - Stopwatch.GetElapsedTime(_lastFlushAt);

    private async Task FlushSoonAsync()
    {
        try
        {
            // Continuations come back to the circuit's dispatcher, so everything here runs on it.
            var wait = ThrottleLeft();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else
            {
                // Leading edge: after the event and its render, so that every change it made is in one write.
                await Task.Yield();
            }

            _flushScheduled = false;
            Flush();
        }
        catch (Exception e) when (e is Microsoft.JSInterop.JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            _flushScheduled = false;
            UrlStateLog.WriteFailed(_logger, e);
        }
    }

    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var push = false;
        foreach (var (key, write) in _pending)
        {
            if (write.Values is not null && Limits.WhyUnreadable(write.Values) is { } reason)
            {
                Refused(key, () => UrlStateLog.UnreadableValueNotWritten(_logger, key, reason));
                continue;
            }

            parameters[key] = write.Values;
            push |= write.Push;
        }

        _pending.Clear();
        _lastFlushAt = Stopwatch.GetTimestamp();
        var current = CurrentUri;
        var target = _navigation.GetUriWithQueryParameters(current, parameters);
        if (parameters.Count > 0 && Limits.TooLong(target) is { } length)
        {
            var keys = string.Join(", ", parameters.Keys);
            Refused(keys, () => UrlStateLog.UrlTooLong(_logger, length, _options.MaxUrlLength, keys));
            return;
        }

        var targetQuery = QueryValues.Parse(target);
        if (targetQuery.SameAs(QueryValues.Parse(current)))
        {
            return;
        }

        using var activity = Shared.LiveStateActivities.Source.StartActivity("livestate.urlstate.write");
        activity?.SetTag("livestate.urlstate.keys", parameters.Count).SetTag("livestate.urlstate.history", push ? "push" : "replace");
        _latestTarget = target;
        _inFlight.Add((targetQuery, _lastFlushAt));
        Writes++;
        UrlStateLog.Written(_logger, push ? "push" : "replace", target);
        _navigation.NavigateTo(target, new NavigationOptions { ReplaceHistoryEntry = !push });

        // Other components bound to a key just written take the new value now; the writers already hold it.
        // Only those keys: a value left out above stays with the component that holds it.
        var written = new HashSet<string>(parameters.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var binding in _bindings.ToArray())
        {
            binding.ApplyFromUrl(targetQuery, notify: true, written);
        }
    }

    /// <summary>Logs a refused write: as a warning the first time for these keys, then at debug level.</summary>
    private void Refused(string keys, Action warn)
    {
        if (_warnedKeys.Add(keys))
        {
            warn();
        }
        else
        {
            UrlStateLog.NotWrittenAgain(_logger, keys);
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var location = QueryValues.Parse(e.Location);
        _inFlight.RemoveAll(f => Stopwatch.GetElapsedTime(f.IssuedAt) > InFlightLifetime);
        var ours = e.IsNavigationIntercepted ? -1 : _inFlight.FindIndex(f => f.Target.SameAs(location));
        if (ours >= 0)
        {
            // The browser caught up with a write of ours: nothing to read back (that would undo newer edits).
            _inFlight.RemoveRange(0, ours + 1);
            if (_inFlight.Count == 0)
            {
                _latestTarget = null;
            }

            return;
        }

        // Back, Forward, a link or the app's own navigation: the URL is the truth now, and writes not yet
        // made would undo it.
        _inFlight.Clear();
        _pending.Clear();
        _latestTarget = null;
        foreach (var binding in _bindings.ToArray())
        {
            binding.ApplyFromUrl(location, notify: true);
        }
    }

    public void Dispose()
    {
        if (_listening)
        {
            _navigation.LocationChanged -= OnLocationChanged;
        }
    }

    private readonly record struct PendingWrite(string[]? Values, bool Push);
}
