namespace Blazor.LiveState.TabState;

/// <summary>
/// How much of a tab's state crosses to the server in one message, and in all (the functions that carry it are
/// <see cref="Shared.LiveStateInterop.TabState"/>).
/// </summary>
internal static class TabStateLimits
{
    /// <summary>
    /// How many characters of entries the answer to <see cref="Shared.LiveStateInterop.TabState.Open"/> may carry.
    /// Blazor refuses a message from the browser over SignalR's limit (<c>HubOptions.MaximumReceiveMessageSize</c>, 32 KB by default)
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
