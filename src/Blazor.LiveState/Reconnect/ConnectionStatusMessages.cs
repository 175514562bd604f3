namespace Blazor.LiveState.Reconnect;

/// <summary>
/// What <see cref="ConnectionStatus"/> says in each state, and what its live region announces. The browser's fallback
/// banner (shown when a page has neither a ConnectionStatus nor the template's ReconnectModal) needs them before
/// any server is reachable: its copy is <c>statusMessages</c> in <c>wwwroot/constants.js</c>, pinned to these by a test.
/// </summary>
internal static class ConnectionStatusMessages
{
    /// <summary>While the page polls the server (a countdown to the next try goes before the ellipsis).</summary>
    public const string Reconnecting = "Connection lost. Reconnecting…";

    /// <summary>While the browser reports no network.</summary>
    public const string Offline = "You are offline. Your page reconnects when the network is back.";

    /// <summary>The server is back but no longer knows the circuit: the kit saves what it holds and reloads.</summary>
    public const string Reloading = "The server was restarted or updated. Restoring your page…";

    /// <summary>Automatic recovery stopped (the reload-loop guard, or the app's time to give up); a reload button follows.</summary>
    public const string Failed = "The page could not be restored automatically.";
}
