using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Draining;

/// <summary>Draining's log messages.</summary>
internal static partial class DrainLog
{
    [LoggerMessage(400, LogLevel.Information, "Draining ({Reason}): not ready from now on, new circuits refused; asking {Circuits} pages to save and move within {WindowSeconds:0.#} s.")]
    public static partial void Started(ILogger logger, string reason, int circuits, double windowSeconds);

    [LoggerMessage(401, LogLevel.Information, "Drained in {Milliseconds:F0} ms: {Moved} pages moved to other instances, {Stayed} had nowhere to go (they reconnect when a server is back), {Remaining} still connected.")]
    public static partial void Finished(ILogger logger, double milliseconds, int moved, int stayed, int remaining);

    [LoggerMessage(402, LogLevel.Debug, "Circuit {CircuitId} did not answer the drain request; it is closed with the rest.")]
    public static partial void NoAnswer(ILogger logger, string circuitId, Exception exception);

    [LoggerMessage(403, LogLevel.Warning, "A drain request was refused: its key is missing or wrong.")]
    public static partial void EndpointRefused(ILogger logger);

    [LoggerMessage(404, LogLevel.Debug, "Refused {Method} {Path} while draining (503).")]
    public static partial void Refused(ILogger logger, string method, string path);

    [LoggerMessage(405, LogLevel.Warning, "Not ready: the {Check} check failed ({Problem}); the readiness endpoint answers 503 and waiting pages stay where they are until it passes.")]
    public static partial void NotReady(ILogger logger, string check, string problem, Exception exception);

    [LoggerMessage(406, LogLevel.Information, "Ready again: every readiness check passed (in {Milliseconds:F0} ms).")]
    public static partial void ReadyAgain(ILogger logger, double milliseconds);

    [LoggerMessage(407, LogLevel.Information, "Readiness budget reached ({PagesPerSecond} pages a second, Reconnect.ReadyPagesPerSecond): waiting pages over it are answered busy, each with a turn to come back at.")]
    public static partial void BudgetReached(ILogger logger, int pagesPerSecond);
}
