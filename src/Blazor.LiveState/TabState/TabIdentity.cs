namespace Blazor.LiveState.TabState;

/// <summary>
/// Whose state this is: the browser tab's random id and the signed-in user (empty when anonymous).
/// State is sealed to both, so it never opens in another tab or for another user.
/// </summary>
/// <param name="TabId">The tab's id, 128 random bits made by the browser.</param>
/// <param name="User">The signed-in user's id or name; empty for anonymous users.</param>
/// <param name="BrowserEntries">The sealed entries the browser keeps (browser storage only), by entry key.</param>
internal sealed record TabIdentity(string TabId, string User, IReadOnlyDictionary<string, string> BrowserEntries);
