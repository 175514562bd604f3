using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Draining;

/// <summary>
/// <c>POST /_livestate/drain</c>, for an orchestrator's pre-stop hook: drains now and answers when done,
/// so the SIGTERM that follows finds nothing left to move. Guarded by <see cref="DrainOptions.EndpointKey"/>.
/// </summary>
internal static class DrainEndpoint
{
    public const string Path = "/drain";

    public const string KeyHeader = "X-LiveState-Drain-Key";

    public static async Task<IResult> Handle(HttpContext context, DrainCoordinator coordinator, IOptions<LiveStateOptions> options, ILoggerFactory loggers)
    {
        DrainGate.DisableStatusCodePages(context);
        var expected = options.Value.Drain.EndpointKey;
        var given = context.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(expected)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            DrainLog.EndpointRefused(loggers.CreateLogger("Blazor.LiveState.Draining"));
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await coordinator.DrainAsync("drain endpoint");
        return Results.Json(
            new DrainResponse(result.Duration.TotalMilliseconds, result.Moved, result.Stayed, result.Remaining),
            DrainJsonContext.Default.DrainResponse);
    }
}

/// <summary>What the drain endpoint answers.</summary>
internal sealed record DrainResponse(
    [property: JsonPropertyName("durationMs")] double DurationMs,
    [property: JsonPropertyName("moved")] int Moved,
    [property: JsonPropertyName("stayed")] int Stayed,
    [property: JsonPropertyName("remaining")] int Remaining);

[JsonSerializable(typeof(DrainResponse))]
internal sealed partial class DrainJsonContext : JsonSerializerContext;
