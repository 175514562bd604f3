namespace Blazor.LiveState;

/// <summary>What the browser does when the server is back but no longer knows the page's circuit.</summary>
public enum ReloadPolicy
{
    /// <summary>Save what the kit holds, wait until the readiness endpoint answers, then reload. The default.</summary>
    WhenServerIsReady,

    /// <summary>Never reload by itself: show the "failed" state with a manual reload button.</summary>
    Never,
}
