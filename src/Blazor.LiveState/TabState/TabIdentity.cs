namespace Blazor.LiveState.TabState;

/// <summary>
/// Whose state this is: the browser tab's random id and the signed-in user (empty when anonymous).
/// State is sealed to both, so it never opens in another tab or for another user.
/// </summary>
/// <param name="TabId">The tab's id, 128 random bits made by the browser.</param>
/// <param name="User">The signed-in user's id or name; empty for anonymous users.</param>
/// <param name="ForkedFrom">
/// For a duplicated browser tab, the id of the tab it was copied from: state not yet saved under
/// <paramref name="TabId"/> is looked for under that one. The browser chooses its ids, so naming another
/// id gives it nothing it could not get by sending that id as its own; the user must still match.
/// </param>
internal sealed record TabIdentity(string TabId, string User, string? ForkedFrom = null)
{
    /// <summary>Whether the browser made this id just now (a new tab): nothing can be stored under it yet.</summary>
    public bool IsNew { get; init; }

    /// <summary>The tab this one was copied from, for the same user; null when it is no copy.</summary>
    public TabIdentity? Original => ForkedFrom is { } original ? new TabIdentity(original, User) : null;

    /// <summary>Whether <paramref name="id"/> looks like an id the browser makes: anything else is not taken as a tab.</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length is >= 22 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
