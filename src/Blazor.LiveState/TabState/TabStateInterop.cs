namespace Blazor.LiveState.TabState;

/// <summary>The browser functions [TabState] calls (<c>wwwroot/TabState/tabState.js</c>, exposed by the initializer).</summary>
internal static class TabStateInterop
{
    /// <summary>The tab's id and the entries that fit in <see cref="InlineBudget"/>; <c>withheld</c> counts the rest.</summary>
    public const string Open = "BlazorLiveState.tabState.open";

    /// <summary>The entries <see cref="Open"/> left out, as UTF-8 JSON bytes that Blazor streams in chunks.</summary>
    public const string Rest = "BlazorLiveState.tabState.rest";

    /// <summary>Stores sealed entries; answers null or why it could not.</summary>
    public const string Write = "BlazorLiveState.tabState.write";

    /// <summary>
    /// How many characters of entries the answer to <see cref="Open"/> may carry. Blazor refuses a message
    /// from the browser over SignalR's limit (<c>HubOptions.MaximumReceiveMessageSize</c>, 32 KB by default)
    /// and drops the connection; half of that leaves room for the rest of the answer and the message's
    /// framing. The common case (a few small components) still takes one round trip.
    /// </summary>
    public const int InlineBudget = 16 * 1024;

    /// <summary>
    /// The most the streamed entries may come to: more than a tab's sessionStorage holds (about 5 million
    /// characters in Chromium and Firefox), so only a tampered browser reaches it.
    /// </summary>
    public const long MaxStreamedBytes = 6 * 1024 * 1024;
}
