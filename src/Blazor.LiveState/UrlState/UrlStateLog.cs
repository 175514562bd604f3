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

    [LoggerMessage(206, LogLevel.Warning, "'{Key}' was not written to the URL: {Reason}, which a reload would not read back. The URL keeps its previous value; the component keeps the new one in memory.")]
    public static partial void UnreadableValueNotWritten(ILogger logger, string key, string reason);

    [LoggerMessage(207, LogLevel.Warning, "URL state was not written: the URL would be {Length} characters long, more than UrlState.MaxUrlLength ({Max}), and servers refuse such requests. The URL keeps its previous values of {Keys}; the components keep the new ones in memory.")]
    public static partial void UrlTooLong(ILogger logger, int length, int max, string keys);

    [LoggerMessage(208, LogLevel.Debug, "URL state was not written again for the same reason ({Keys}); see the warning above.")]
    public static partial void NotWrittenAgain(ILogger logger, string keys);

    [LoggerMessage(204, LogLevel.Warning, "Could not write the URL state; the circuit is going away.")]
    public static partial void WriteFailed(ILogger logger, Exception exception);
}
