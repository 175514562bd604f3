using System.Globalization;
using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The cheap "is the server back?" endpoint that browsers poll while disconnected: no page render,
/// no circuit, no session, never cached. A draining or stopping instance answers 503, so that no browser
/// rejoins a process that is about to exit (dotnet/aspnetcore#58947); so does one that cannot read its
/// keys or its stores, or whose readiness health checks fail, so that no page reloads into an error page.
/// A ready instance admits the kit's pages within its readiness budget (<see cref="ReadinessAdmission"/>) and
/// answers the others 503 "busy" with their turn; orchestrators' probes are answered as they are.
/// A page paused for a drain also asks whose page a new circuit would serve (<c>owner</c> in the query): a ready
/// answer then carries the owner tag that <see cref="OwnerEndpoint"/> gives, which spares the page a round trip
/// between "ready" and its resume.
/// </summary>
internal static class ReadinessEndpoint
{
    public const string Path = "/ready";

    /// <summary>The query parameter by which a paused page asks for its owner tag with the answer.</summary>
    public const string OwnerQuery = "owner";

    public static async Task<IResult> Handle(
        HttpContext context,
        AppBuild build,
        ProcessInstance instance,
        Draining.InstanceReadiness readiness,
        ReadinessAdmission admission,
        IOptions<LiveStateOptions> options,
        ILogger<ReadinessAdmission> logger,
        LiveStateMetrics metrics,
        FormOwnerTags ownerTags,
        RecoveryWarmUp warmUp)
    {
        // A proxy or the browser must never answer for the server: the point is to learn whether
        // this process is up right now.
        context.Response.Headers.CacheControl = "no-store";
        var state = await readiness.CheckAsync();
        // Only the kit's browser module sends "attempt"; orchestrators' probes are neither counted nor held back.
        var fromPage = context.Request.Query.ContainsKey("attempt");
        if (fromPage && state.Ready)
        {
            var turn = admission.TryAdmit();
            if (!turn.Admitted)
            {
                if (turn.StartsQueue)
                {
                    Draining.DrainLog.BudgetReached(logger, options.Value.Reconnect.ReadyPagesPerSecond);
                }

                metrics.ReadinessProbe(false);
                context.Response.Headers.RetryAfter = Math.Ceiling(turn.RetryAfterMs / 1000).ToString(CultureInfo.InvariantCulture);
                return Results.Json(
                    new ReadinessResponse(false, build.Version, instance.Id, ReadinessResponse.Busy, turn.RetryAfterMs),
                    ReadinessJsonContext.Default.ReadinessResponse,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }

        if (fromPage)
        {
            metrics.ReadinessProbe(state.Ready);
        }

        var ready = state.Ready;
        if (ready && fromPage)
        {
            // A page in an outage is about to come back here: prepare the code its recovery runs.
            warmUp.Begin();
        }

        // Only for a ready answer: the page resumes on it at once. The tag is null while its key cannot be read;
        // the page then asks the owner endpoint, which answers 503, and does not resume.
        var owner = ready && fromPage && context.Request.Query.ContainsKey(OwnerQuery)
            ? ownerTags.For(SignedInUser.IdOf(context.User))
            : null;
        return Results.Json(
            new ReadinessResponse(ready, build.Version, instance.Id, state.Reason, Owner: owner),
            ReadinessJsonContext.Default.ReadinessResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
