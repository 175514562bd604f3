using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Shared;

/// <summary>The kit's log messages, source-generated so that a disabled level costs nothing.</summary>
internal static partial class LiveStateLog
{
    [LoggerMessage(1, LogLevel.Information, "Circuit {CircuitId} connected after {Outcome} ({Reason}) in {DownMilliseconds:F0} ms and {Attempts} readiness probes.")]
    public static partial void ConnectionRecovered(ILogger logger, string circuitId, string outcome, string reason, double downMilliseconds, int attempts);

    [LoggerMessage(2, LogLevel.Debug, "Circuit {CircuitId} started; the browser has the reconnect options.")]
    public static partial void ConnectionStarted(ILogger logger, string circuitId);

    [LoggerMessage(3, LogLevel.Debug, "Could not send the reconnect options to circuit {CircuitId}; the connection went away first.")]
    public static partial void ConfigNotDelivered(ILogger logger, string circuitId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Circuit {CircuitId} sent a connection report that could not be read; it is ignored.")]
    public static partial void BadConnectionReport(ILogger logger, string circuitId, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "The app is stopping: the readiness endpoint now answers 503 so that browsers do not rejoin this instance.")]
    public static partial void StoppingNotReady(ILogger logger);

    [LoggerMessage(6, LogLevel.Debug, "The recovery warm-up failed; recovering pages do its work themselves.")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
