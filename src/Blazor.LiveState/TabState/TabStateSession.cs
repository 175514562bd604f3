namespace Blazor.LiveState.TabState;

/// <summary>
/// One per circuit (or per request while prerendering): the circuit's tab state as a component's
/// <see cref="TabStateBinding"/> uses it. Whose state it is comes from the <see cref="TabHandshake"/> (one round trip,
/// shared by every component), loading from the <see cref="TabStateLoader"/>, saving from the <see cref="TabStateSaver"/>.
/// </summary>
internal sealed class TabStateSession(TabHandshake handshake, TabStateLoader loader, TabStateSaver saver)
{
    /// <summary>
    /// Whether this prerender knows the tab (a reload's hand-off) and so can restore tab state; the circuit always
    /// can.
    /// </summary>
    public bool CanRestore => handshake.CanRestore;

    /// <inheritdoc cref="TabStateLoader.LoadAsync"/>
    public Task<TabStateLoad> LoadAsync(string entryKey) => loader.LoadAsync(entryKey);

    /// <inheritdoc cref="TabStateSaver.Save"/>
    public void Save(string entryKey, IReadOnlyDictionary<string, byte[]> values) => saver.Save(entryKey, values);
}
