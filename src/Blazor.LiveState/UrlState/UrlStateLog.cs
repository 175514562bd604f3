using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.UrlState;

/// <summary>[UrlState]'s log messages.</summary>
internal static partial class UrlStateLog
{
    [LoggerMessage(200, LogLevel.Warning, "{Component}.{Property}: the query value of '{Key}' was ignored ({Reason}); the property keeps its default. Value: {Preview}")]
    public static partial void MalformedValue(ILogger logger, string component, string property, string key, string reason, string preview);

    [LoggerMessage(205, LogLevel.Debug, "{Component}.{Property}: the query value of '{Key}' was ignored while prerendering ({Reason}); the interactive render reports it.")]
    public static partial void MalformedValueWhilePrerendering(ILogger logger, string component, string property, string key, string reason);

    [LoggerMessage(201, LogLevel.Error, "{Component}.{Property}: its converter failed to write the value; the URL keeps the previous one.")]
    public static partial void FormatFailed(ILogger logger, string component, string property, Exception exception);

    [LoggerMessage(202, LogLevel.Debug, "URL state written ({History}): {Uri}")]
    public static partial void Written(ILogger logger, string history, string uri);

    [LoggerMessage(203, LogLevel.Error, "The URL-state change handler of {Component} failed.")]
    public static partial void ChangeHandlerFailed(ILogger logger, string component, Exception exception);

    [LoggerMessage(204, LogLevel.Warning, "Could not write the URL state; the circuit is going away.")]
    public static partial void WriteFailed(ILogger logger, Exception exception);
}
