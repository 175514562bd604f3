namespace Blazor.LiveState;

/// <summary>Where <see cref="TabStateAttribute"/> values are kept between circuits.</summary>
public enum TabStateStorage
{
    /// <summary>
    /// Sealed (encrypted and signed) by the server and kept in the tab's <c>sessionStorage</c>. Needs no
    /// server-side storage and works across instances that share Data Protection keys. The default.
    /// </summary>
    Browser,

    /// <summary>
    /// Sealed and kept in the app's <c>IDistributedCache</c> (register one, for example with
    /// <c>AddStackExchangeRedisCache</c>); the browser holds only the tab's id. For large state, and where a
    /// user must not be able to bring back an older state of their own.
    /// </summary>
    DistributedCache,
}
