using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.TabState;

/// <summary>
/// The <see cref="TabStateAttribute"/> properties of one bound component (or any object): restored from what
/// the tab saved, and handed to the <see cref="TabStateSession"/> to save when they change.
/// </summary>
/// <param name="target">The object whose properties carry the attribute.</param>
/// <param name="properties">Its <see cref="TabStateAttribute"/> properties.</param>
/// <param name="entryKey">The name its state is saved under (<see cref="EntryKey"/>).</param>
/// <param name="tabs">The circuit's (or, after a crash's reload, the prerender's) tab-state session.</param>
/// <param name="serializer">Turns each value into bytes and back.</param>
/// <param name="logger">Where values that no longer fit, or cannot be serialized, are reported.</param>
internal sealed class TabStateBinding(
    object target,
    IReadOnlyList<TabStateProperty> properties,
    string entryKey,
    TabStateSession tabs,
    ITabStateSerializer serializer,
    ILogger logger)
{
    // What the store holds for each property, as this binding last restored or saved it.
    private readonly byte[]?[] _committed = new byte[]?[properties.Count];

    /// <summary>The name a component's tab state is saved under: its type, and the instance key when it has one.</summary>
    public static string EntryKey(Type componentType, string? instanceKey) =>
        string.IsNullOrEmpty(instanceKey) ? componentType.FullName ?? componentType.Name : $"{componentType.FullName}#{instanceKey}";

    /// <summary>
    /// Whether the store could not be read while prerendering a reload: the properties hold their defaults, which may
    /// not be what the tab saved.
    /// </summary>
    public bool StoreUnreadable { get; private set; }

    /// <summary>
    /// Puts back the tab state saved for this component; properties with nothing saved (or whose saved
    /// value no longer fits) keep their defaults.
    /// </summary>
    public async Task RestoreAsync()
    {
        var (saved, storeUnreadable) = await tabs.LoadAsync(entryKey);
        StoreUnreadable = storeUnreadable;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (saved is not null && saved.TryGetValue(property.Name, out var data))
            {
                try
                {
                    property.SetValue(target, serializer.Deserialize(data, property.Type));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // State written by an older build (a renamed member, a changed type) no longer fits.
                    TabStateLog.ValueDropped(logger, entryKey, property.PropertyName, e.GetType().Name + ": " + e.Message);
                }
            }

            // What the property holds now is what the store holds: only a change from here is saved.
            _committed[i] = TrySerialize(property);
        }
    }

    /// <summary>Saves the component's values after the current event when any of them changed since the last call.</summary>
    public void Commit()
    {
        var changed = false;
        for (var i = 0; i < properties.Count; i++)
        {
            if (TrySerialize(properties[i]) is { } data && !data.AsSpan().SequenceEqual(_committed[i]))
            {
                _committed[i] = data;
                changed = true;
            }
        }

        if (changed)
        {
            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < properties.Count; i++)
            {
                if (_committed[i] is { } data)
                {
                    values[properties[i].Name] = data;
                }
            }

            tabs.Save(entryKey, values);
        }
    }

    private byte[]? TrySerialize(TabStateProperty property)
    {
        try
        {
            return serializer.Serialize(property.GetValue(target), property.Type);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TabStateLog.SerializeFailed(logger, entryKey, property.PropertyName, e);
            return null;
        }
    }
}
