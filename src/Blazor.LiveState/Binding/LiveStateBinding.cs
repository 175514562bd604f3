using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Blazor.LiveState.UrlState;
using Blazor.LiveState.UrlState.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState;

/// <summary>
/// The live state of one component (or any object): its <see cref="UrlStateAttribute"/> properties, read
/// from the URL and written back, and its <see cref="TabStateAttribute"/> properties, restored for the tab
/// and saved when they change. Made by <see cref="LiveStateBinder"/>; <see cref="LiveComponentBase"/>
/// makes and drives one for you.
/// </summary>
/// <remarks>
/// Call <see cref="Commit"/> after anything may have changed the properties (in <c>OnAfterRender</c> is
/// enough: every event renders), and <see cref="Dispose"/> with the component.
/// </remarks>
public sealed class LiveStateBinding : IDisposable
{
    private readonly object _target;
    private readonly Binding.LiveComponentMetadata _metadata;
    private readonly UrlStateSynchronizer _urls;
    private readonly UrlStateOptions _urlOptions;
    private readonly Func<Task>? _onUrlStateChanged;
    private readonly ILogger _logger;
    private readonly UrlValueState[] _urlValues;
    private readonly TabStateSession? _tabs;
    private readonly ITabStateSerializer _serializer;
    private readonly string _tabEntry;
    private readonly byte[]?[] _tabCommitted;
    private readonly bool _prerenderingInteractive;

    // Properties whose value the converter could not write, already logged.
    private readonly HashSet<UrlStateProperty> _formatFailing = [];
    private bool _disposed;

    internal LiveStateBinding(
        object target,
        Binding.LiveComponentMetadata metadata,
        UrlStateSynchronizer urls,
        IOptions<LiveStateOptions> options,
        bool interactive,
        TabStateSession? tabs,
        ITabStateSerializer serializer,
        string? instanceKey,
        bool prerenderingInteractive,
        Func<Task>? onUrlStateChanged,
        ILogger logger)
    {
        _prerenderingInteractive = prerenderingInteractive;
        _target = target;
        _metadata = metadata;
        _urls = urls;
        _urlOptions = options.Value.UrlState;
        IsInteractive = interactive;
        _onUrlStateChanged = onUrlStateChanged;
        _logger = logger;

        // The values the properties hold now, before the URL is read, are their defaults.
        _urlValues = new UrlValueState[metadata.UrlProperties.Count];
        for (var i = 0; i < _urlValues.Length; i++)
        {
            var property = metadata.UrlProperties[i];
            var value = property.GetValue(target);
            var encoded = TryEncode(property, value) ?? [];
            _urlValues[i] = new UrlValueState(value, encoded);
        }

        _tabs = tabs;
        _serializer = serializer;
        _tabEntry = metadata.TabStateEntry(instanceKey);
        _tabCommitted = new byte[]?[metadata.TabProperties.Count];
    }

    /// <summary>Whether this binding lives in an interactive circuit; only then is anything written back.</summary>
    public bool IsInteractive { get; }

    /// <summary>
    /// Writes whatever changed since the last call: changed <see cref="UrlStateAttribute"/> properties go to
    /// the URL and changed <see cref="TabStateAttribute"/> properties are saved, both after the current
    /// event (merged with other components' changes). Cheap when nothing changed.
    /// </summary>
    public void Commit()
    {
        if (_disposed || !IsInteractive)
        {
            return;
        }

        CommitTabState();

        for (var i = 0; i < _urlValues.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            var state = _urlValues[i];
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

    /// <summary>
    /// Puts back the tab state saved for this component; properties with nothing saved (or whose saved
    /// value no longer fits) keep their defaults.
    /// </summary>
    internal async Task RestoreTabStateAsync()
    {
        var properties = _metadata.TabProperties;
        if (_tabs is null || properties.Count == 0)
        {
            return;
        }

        var saved = await _tabs.LoadAsync(_tabEntry);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (saved is not null && saved.TryGetValue(property.Name, out var data))
            {
                try
                {
                    property.SetValue(_target, _serializer.Deserialize(data, property.Type));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // State written by an older build (a renamed member, a changed type) no longer fits.
                    TabStateLog.ValueDropped(_logger, _tabEntry, property.PropertyName, e.GetType().Name + ": " + e.Message);
                }
            }

            // What the property holds now is what the store holds: only a change from here is saved.
            _tabCommitted[i] = TrySerialize(property);
        }
    }

    private void CommitTabState()
    {
        var properties = _metadata.TabProperties;
        if (_tabs is null || properties.Count == 0)
        {
            return;
        }

        var changed = false;
        for (var i = 0; i < properties.Count; i++)
        {
            if (TrySerialize(properties[i]) is { } data && !data.AsSpan().SequenceEqual(_tabCommitted[i]))
            {
                _tabCommitted[i] = data;
                changed = true;
            }
        }

        if (changed)
        {
            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < properties.Count; i++)
            {
                if (_tabCommitted[i] is { } data)
                {
                    values[properties[i].Name] = data;
                }
            }

            _tabs.Save(_tabEntry, values);
        }
    }

    private byte[]? TrySerialize(TabStateProperty property)
    {
        try
        {
            return _serializer.Serialize(property.GetValue(_target), property.Type);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TabStateLog.SerializeFailed(_logger, _tabEntry, property.PropertyName, e);
            return null;
        }
    }

    /// <summary>Reads the properties from the page's URL; properties the URL does not set keep their defaults.</summary>
    internal void ReadUrl()
    {
        var query = QueryValues.Parse(_urls.CurrentUri);
        ApplyFromUrl(query, notify: false);
        if (!IsInteractive)
        {
            return;
        }

        // KeepDefault: the key is in the URL from the start, so a copied link carries it.
        for (var i = 0; i < _urlValues.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            if (property.KeepDefault && query[property.Key].Count == 0)
            {
                _urls.Write(property.Key, _urlValues[i].Committed, UrlHistory.Replace);
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
    internal bool ApplyFromUrl(QueryValues query, bool notify, IReadOnlySet<string>? onlyKeys = null)
    {
        if (_disposed)
        {
            return false;
        }

        var changed = false;
        for (var i = 0; i < _urlValues.Length; i++)
        {
            var property = _metadata.UrlProperties[i];
            if (onlyKeys is not null && !onlyKeys.Contains(property.Key))
            {
                continue;
            }

            var state = _urlValues[i];
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

        if (changed && notify && _onUrlStateChanged is not null)
        {
            _ = NotifyAsync();
        }

        return changed;
    }

    private async Task NotifyAsync()
    {
        try
        {
            await _onUrlStateChanged!();
        }
        catch (Exception e)
        {
            UrlStateLog.ChangeHandlerFailed(_logger, _metadata.ComponentType.Name, e);
        }
    }

    private bool TryRead(UrlStateProperty property, UrlValueState state, Microsoft.Extensions.Primitives.StringValues values, out object? value)
    {
        value = null;
        string? reason = null;
        if (property.Codec.IsCollection && _urls.Limits.TooManyValues(values.Count))
        {
            reason = $"more than {_urlOptions.MaxValuesPerKey} values";
        }
        else if (values.Any(v => v is not null && _urls.Limits.ValueTooLong(v.Length)))
        {
            reason = $"longer than {_urlOptions.MaxValueLength} characters";
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

    /// <summary>Stops following the URL.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _urls.Unregister(this);
        }
    }

    private sealed class UrlValueState(object? defaultValue, string[] defaultEncoded)
    {
        public object? DefaultValue { get; } = defaultValue;

        public string[] DefaultEncoded { get; } = defaultEncoded;

        public string[] Committed { get; set; } = defaultEncoded;

        public string? LastMalformed { get; set; }
    }
}
