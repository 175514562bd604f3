namespace Blazor.LiveState.TabState;

/// <summary>
/// The sealed entries the tab's sessionStorage held when this circuit asked which tab it is (or, in a prerender,
/// that the reloading page handed over), by entry key: what <see cref="BrowserTabStateStore"/> loads from. One
/// per circuit; empty with <see cref="TabStateStorage.DistributedCache"/>, where the browser only names the tab.
/// </summary>
internal sealed class BrowserTabEntries
{
    private IReadOnlyDictionary<string, string> _entries = new Dictionary<string, string>();

    /// <summary>Takes the entries the browser sent with the tab's identity.</summary>
    public void Receive(IReadOnlyDictionary<string, string> entries) => _entries = entries;

    /// <summary>The sealed token the browser sent for <paramref name="entryKey"/>, if any.</summary>
    public bool TryGet(string entryKey, out string token) => _entries.TryGetValue(entryKey, out token!);
}
