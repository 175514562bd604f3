using Blazor.LiveState.Shared;
using Blazor.LiveState.UrlState.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.UrlState;

/// <summary>
/// The <see cref="UrlStateAttribute"/> properties of one bound component (or any object): read from the URL,
/// written back after the events that change them, and taken again when Back, Forward or a link changes the URL
/// (the circuit's <see cref="UrlStateSynchronizer"/> hands those over).
/// </summary>
internal sealed class UrlStateBinding
{
    private readonly object _target;
    private readonly LiveComponentMetadata _metadata;
    private readonly UrlStateSynchronizer _urls;
    private readonly bool _interactive;
    private readonly bool _prerenderingInteractive;
    private readonly Func<Task>? _onChanged;
    private readonly ILogger _logger;
    private readonly UrlValueState[] _values;

    // Properties whose value the converter could not write, already logged.
    private readonly HashSet<UrlStateProperty> _formatFailing = [];
    private bool _disposed;

    /// <param name="target">The object whose properties carry the attributes.</param>
    /// <param name="metadata">Its properties.</param>
    /// <param name="urls">The circuit's (or request's) synchronizer.</param>
    /// <param name="interactive">Whether this is a live circuit: only then is anything written to the URL.</param>
    /// <param name="prerenderingInteractive">Whether this is the prerender of a component about to render interactively.</param>
    /// <param name="onChanged">Runs after the URL changed the properties.</param>
    /// <param name="logger">Where malformed values and failing converters are reported.</param>
    public UrlStateBinding(
        object target,
        LiveComponentMetadata metadata,
        UrlStateSynchronizer urls,
        bool interactive,
        bool prerenderingInteractive,
        Func<Task>? onChanged,
        ILogger logger)
    {
        _target = target;
        _metadata = metadata;
        _urls = urls;
        _interactive = interactive;
        _prerenderingInteractive = prerenderingInteractive;
        _onChanged = onChanged;
        _logger = logger;

        // The values the properties hold now, before the URL is read, are their defaults.
        _values = new UrlValueState[metadata.UrlProperties.Count];
        for (var i = 0; i < _values.Length; i++)
        {
            var property = metadata.UrlProperties[i];
            var value = property.GetValue(target);
            var encoded = TryEncode(property, value) ?? [];
            _values[i] = new UrlValueState(value, encoded);
        }
    }

    /// <summary>Hands the properties that changed since the last call to the synchronizer, and writes now if due.</summary>
    public void Commit()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            var state = _values[i];
            if (TryEncode(property, property.GetValue(_target)) is not { } encoded || SameValues(encoded, state.Committed))
            {
                continue;
            }

            state.Committed = encoded;
            var dropKey = !property.KeepDefault && SameValues(encoded, state.DefaultEncoded);
            _urls.Write(property.Key, dropKey ? null : encoded, property.History);
        }

        _urls.FlushIfDue();
    }

    /// <summary>Reads the properties from the page's URL; properties the URL does not set keep their defaults.</summary>
    public void ReadUrl()
    {
        var query = QueryValues.Parse(_urls.CurrentUri);
        ApplyFromUrl(query, notify: false);
        if (!_interactive)
        {
            return;
        }

        // KeepDefault: the key is in the URL from the start, so a copied link carries it.
        for (var i = 0; i < _values.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            if (property.KeepDefault && query[property.Key].Count == 0)
            {
                _urls.Write(property.Key, _values[i].Committed, UrlHistory.Replace);
            }
        }
    }

    /// <summary>
    /// Takes the values <paramref name="query"/> holds where they differ from what this binding last read
    /// or wrote; a missing key means the default. Returns whether any property changed.
    /// </summary>
    /// <param name="query">The URL's query.</param>
    /// <param name="notify">Whether to call the component's URL-state change handler when something changed.</param>
    /// <param name="onlyKeys">The keys to take, or null for all of them.</param>
    public bool ApplyFromUrl(QueryValues query, bool notify, IReadOnlySet<string>? onlyKeys = null)
    {
        if (_disposed)
        {
            return false;
        }

        var changed = false;
        for (var i = 0; i < _values.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            if (onlyKeys is not null && !onlyKeys.Contains(property.Key))
            {
                continue;
            }

            var state = _values[i];
            var values = query[property.Key];
            object? value;
            string[] encoded;
            if (values.Count > 0 && TryRead(property, state, values, out value) && TryEncode(property, value) is { } normalized)
            {
                encoded = normalized;
            }
            else
            {
                value = CreateDefault(property, state);
                encoded = state.DefaultEncoded;
            }

            if (SameValues(encoded, state.Committed))
            {
                continue;
            }

            property.SetValue(_target, value);
            state.Committed = encoded;
            changed = true;
        }

        if (changed && notify && _onChanged is not null)
        {
            _ = NotifyAsync();
        }

        return changed;
    }

    /// <summary>Stops following the URL.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _urls.Unregister(this);
        }
    }

    private async Task NotifyAsync()
    {
        try
        {
            await _onChanged!();
        }
        catch (Exception e)
        {
            UrlStateLog.ChangeHandlerFailed(_logger, _metadata.ComponentType.Name, e);
        }
    }

    private bool TryRead(UrlStateProperty property, UrlValueState state, StringValues values, out object? value)
    {
        value = null;
        string? reason = null;
        if (property.Codec.IsCollection && _urls.Limits.TooManyValues(values.Count))
        {
            reason = $"more than {_urls.Limits.MaxValuesPerKey} values";
        }
        else if (values.Any(v => v is not null && _urls.Limits.ValueTooLong(v.Length)))
        {
            reason = $"longer than {_urls.Limits.MaxValueLength} characters";
        }
        else
        {
            try
            {
                if (property.Codec.TryDecode(values, out value))
                {
                    return true;
                }

                reason = "not a valid value of its type";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A custom converter that throws is treated like one that says no.
                reason = $"its converter threw {e.GetType().Name}";
            }
        }

        // Once per distinct bad value: Back and Forward re-read the same URL.
        var raw = values.ToString();
        if (!string.Equals(state.LastMalformed, raw, StringComparison.Ordinal))
        {
            state.LastMalformed = raw;
            if (_prerenderingInteractive)
            {
                // The same page view renders again interactively in a moment and warns then: once per view.
                UrlStateLog.MalformedValueWhilePrerendering(_logger, _metadata.ComponentType.Name, property.Name, property.Key, reason);
            }
            else
            {
                UrlStateLog.MalformedValue(_logger, _metadata.ComponentType.Name, property.Name, property.Key, reason, LogText.Quoted(raw, 40));
            }
        }

        return false;
    }

    private string[]? TryEncode(UrlStateProperty property, object? value)
    {
        try
        {
            var encoded = property.Codec.Encode(value);
            _formatFailing.Remove(property);
            return encoded;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every event commits again: say it once until the property holds a value that can be written.
            if (_formatFailing.Add(property))
            {
                UrlStateLog.FormatFailed(_logger, _metadata.ComponentType.Name, property.Name, e);
            }

            return null;
        }
    }

    private static object? CreateDefault(UrlStateProperty property, UrlValueState state) =>
        // A collection default is built anew, so that the app's edits of it never change the default.
        property.Codec is CollectionCodec collection ? (collection.TryDecode(new(state.DefaultEncoded), out var fresh) ? fresh : collection.CreateEmpty())
        : state.DefaultValue;

    private static bool SameValues(string[] a, string[] b) => a.AsSpan().SequenceEqual(b);

    private sealed class UrlValueState(object? defaultValue, string[] defaultEncoded)
    {
        public object? DefaultValue { get; } = defaultValue;

        public string[] DefaultEncoded { get; } = defaultEncoded;

        public string[] Committed { get; set; } = defaultEncoded;

        public string? LastMalformed { get; set; }
    }
}
