namespace Blazor.LiveState;

/// <summary>How a change of a <see cref="UrlStateAttribute"/> property is written to the browser's history.</summary>
public enum UrlHistory
{
    /// <summary>Replaces the current history entry: Back leaves the page. The default, right for filters and search text.</summary>
    Replace,

    /// <summary>Adds a history entry: Back returns to the previous value. Right for tabs, steps and pages of a list.</summary>
    Push,
}
