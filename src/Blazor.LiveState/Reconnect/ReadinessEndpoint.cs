using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The cheap "is the server back?" endpoint that browsers poll while disconnected: no page render,
/// no circuit, no session, never cached. A draining or stopping instance answers 503, so that no browser
/// rejoins a process that is about to exit (dotnet/aspnetcore#58947); so does one that cannot read its
/// keys or its stores, or whose readiness health checks fail, so that no page reloads into an error page.
/// </summary>
internal static class ReadinessEndpoint
{
    public const string Path = "/ready";

    public static async Task<IResult> Handle(HttpContext context, AppBuild build, ProcessInstance instance, Draining.InstanceReadiness readiness, LiveStateMetrics metrics)
    {
        // A proxy or the browser must never answer for the server: the point is to learn whether
        // this process is up right now.
        context.Response.Headers.CacheControl = "no-store";
        var state = await readiness.CheckAsync();
        var ready = state.Ready;
        if (context.Request.Query.ContainsKey("attempt"))
        {
            // Only the kit's browser module sends "attempt"; orchestrators' probes are not counted.
            metrics.ReadinessProbe(ready);
        }

        return Results.Json(
            new ReadinessResponse(ready, build.Version, instance.Id, state.Reason),
            ReadinessJsonContext.Default.ReadinessResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
