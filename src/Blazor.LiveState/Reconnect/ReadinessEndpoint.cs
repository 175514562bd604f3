using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The cheap "is the server back?" endpoint that browsers poll while disconnected: no page render,
/// no circuit, no session, never cached. A draining or stopping instance answers 503, so that no browser
/// rejoins a process that is about to exit (dotnet/aspnetcore#58947).
/// </summary>
internal static class ReadinessEndpoint
{
    public const string Path = "/ready";

    public static IResult Handle(HttpContext context, AppBuild build, ProcessInstance instance, Draining.DrainCoordinator drain, LiveStateMetrics metrics)
    {
        // A proxy or the browser must never answer for the server: the point is to learn whether
        // this process is up right now.
        context.Response.Headers.CacheControl = "no-store";
        var ready = drain.TakesNewCircuits;
        if (context.Request.Query.ContainsKey("attempt"))
        {
            // Only the kit's browser module sends "attempt"; orchestrators' probes are not counted.
            metrics.ReadinessProbe(ready);
        }

        return Results.Json(
            new ReadinessResponse(ready, build.Version, instance.Id),
            ReadinessJsonContext.Default.ReadinessResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
