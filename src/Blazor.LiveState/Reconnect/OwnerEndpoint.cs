using System.Text.Json.Serialization;
using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// Whose page a new circuit would serve, with the caller's cookies: the owner tag of the signed-in user (a keyed
/// hash, never the id) or <c>anonymous</c>. A page paused for a drain checks it before it resumes: if another user
/// signed in meanwhile (in another tab) or the session ended, it does not resume the old user's circuit. The page
/// gets it with its ready answer (<see cref="ReadinessEndpoint.OwnerQuery"/>) and asks here only when that answer
/// has none: an instance of an older kit version, or a tag that could not be made then.
/// </summary>
internal static class OwnerEndpoint
{
    public const string Path = "/owner";

    public static IResult Handle(HttpContext context, FormOwnerTags tags)
    {
        // Per user and per moment: never stored by the browser or a proxy.
        context.Response.Headers.CacheControl = "no-store";
        // A plain request: its user is the authentication middleware's, not a circuit's AuthenticationStateProvider.
        return tags.For(SignedInUser.IdOf(context.User)) is { } tag
            ? Results.Json(new OwnerResponse(tag), OwnerJsonContext.Default.OwnerResponse)
            // The key that tags are made with cannot be read now (a shared key ring that is down): the page waits.
            : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>What the owner endpoint answers.</summary>
/// <param name="Owner">The owner tag of the signed-in user, or <c>anonymous</c>.</param>
internal sealed record OwnerResponse([property: JsonPropertyName("owner")] string Owner);

[JsonSerializable(typeof(OwnerResponse))]
internal sealed partial class OwnerJsonContext : JsonSerializerContext;
