using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Draining;

/// <summary>
/// While the instance drains or stops, refuses what would start a new circuit here: the Blazor hub's
/// connections and page loads answer 503, which a reverse proxy retries on another instance. Without it a
/// page that reconnects to a stopping process keeps it alive until the shutdown timeout and is then cut
/// off (dotnet/aspnetcore#58947). Everything else (static files, the kit's endpoints, requests already
/// under way) is served as usual.
/// </summary>
internal sealed class DrainGate(RequestDelegate next, DrainCoordinator coordinator, ILogger<DrainGate> logger)
{
    // A page refused while the server restarts tries again by itself, without any script.
    private const string RetryPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
        <title>Restarting</title></head><body><p>The server is restarting. This page reloads by itself.</p></body></html>
        """;

    public Task InvokeAsync(HttpContext context)
    {
        if (!coordinator.TakesNewCircuits && StartsACircuit(context.Request))
        {
            DrainLog.Refused(logger, context.Request.Method, context.Request.Path);
            // The app's status-code pages must not turn the refusal into a page rendered by this instance.
            DisableStatusCodePages(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Connection = "close";
            if (IsDocument(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync(RetryPage);
            }

            return Task.CompletedTask;
        }

        return next(context);
    }

    internal static void DisableStatusCodePages(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    private static bool StartsACircuit(HttpRequest request) =>
        (request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/_blazor/disconnect", StringComparison.OrdinalIgnoreCase))
        || IsDocument(request);

    /// <summary>A page load (what a browser asks for when it navigates or reloads), not a script, style or API call.</summary>
    internal static bool IsDocument(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var destination = request.Headers["Sec-Fetch-Dest"].ToString();
        return destination.Length > 0
            ? destination is "document" or "iframe" or "frame" || (destination == "empty" && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            : request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Puts the gate first in the app's pipeline, without the app calling anything.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<DrainGate>();
            next(app);
        };
    }
}
