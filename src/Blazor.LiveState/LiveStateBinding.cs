using Blazor.LiveState.TabState;
using Blazor.LiveState.UrlState;

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
    private readonly UrlStateBinding _urlState;
    private readonly TabStateBinding? _tabState;
    private bool _disposed;

    /// <param name="urlState">The <see cref="UrlStateAttribute"/> half.</param>
    /// <param name="tabState">The <see cref="TabStateAttribute"/> half; null when there is none, or nothing to restore it from.</param>
    /// <param name="interactive">Whether this is a live circuit.</param>
    internal LiveStateBinding(UrlStateBinding urlState, TabStateBinding? tabState, bool interactive)
    {
        _urlState = urlState;
        _tabState = tabState;
        IsInteractive = interactive;
    }

    /// <summary>Whether this binding lives in an interactive circuit; only then is anything written back.</summary>
    public bool IsInteractive { get; }

    /// <summary>
    /// Whether the prerender of a reload could not read the tab state store: the <see cref="TabStateAttribute"/>
    /// properties hold their defaults, which may not be what the tab saved.
    /// </summary>
    internal bool TabStateUnreadable => _tabState?.StoreUnreadable == true;

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

        _tabState?.Commit();
        _urlState.Commit();
    }

    /// <summary>Stops following the URL.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _urlState.Dispose();
        }
    }
}
