namespace Blazor.LiveState.Reconnect;

/// <summary>The outcomes a browser may report when its connection comes up.</summary>
internal static class ConnectionOutcomes
{
    public const string Started = "started";
    public const string Reconnected = "reconnected";
    public const string Resumed = "resumed";
    public const string Reloaded = "reloaded";

    /// <summary>The reason of a reload the server asked for because it could not read the tab's state.</summary>
    public const string TabStateUnavailable = "tab-state-unavailable";

    /// <summary>Maps what the browser sent to a known outcome; anything else is reported as unknown.</summary>
    public static string Normalize(string? outcome) => outcome switch
    {
        Started or Reconnected or Resumed or Reloaded => outcome,
        _ => "unknown",
    };

    /// <summary>Keeps a reason to a known value, so a tampered browser cannot invent metric tags.</summary>
    public static string? NormalizeReason(string? reason) => reason switch
    {
        null => null,
        "rejected" or "new-build" or "drain" or "resume-failed" or "other-user" or TabStateUnavailable => reason,
        _ => "unknown",
    };
}
