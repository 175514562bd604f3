using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The cheap "is the server back?" endpoint that browsers poll while disconnected: no page render,
/// no circuit, no session, never cached.
/// </summary>
internal static class ReadinessEndpoint
{
    public const string Path = "/ready";

    public static IResult Handle(HttpContext context, AppBuild build)
    {
        // A proxy or the browser must never answer for the server: the whole point is to learn
        // whether this process is up right now.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new ReadinessResponse(Ready: true, build.Version), ReadinessJsonContext.Default.ReadinessResponse);
    }
}
