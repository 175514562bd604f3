using System.Text.Json.Serialization;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// What the readiness endpoint answers: whether this instance takes new circuits, and which build it runs.
/// </summary>
/// <param name="Ready">Whether this instance takes new circuits.</param>
/// <param name="Build">The build version, so a browser can tell a restart from a deploy.</param>
/// <param name="Instance">This process's id, so a browser can tell its circuit's process is gone.</param>
/// <param name="Reason">
/// Why it is not ready: <c>draining</c>, <c>stopping</c>, the names of the failed checks (<c>keys</c>,
/// <c>store</c>, <c>health</c>; the details are in the server's log only), or <c>busy</c>: ready, but this page is
/// over the readiness budget and should come back after <paramref name="RetryAfterMs"/>.
/// </param>
/// <param name="RetryAfterMs">With <c>busy</c>: the page's turn, in milliseconds from now.</param>
/// <param name="Owner">
/// Asked for by a page paused for a drain, in a ready answer: the owner tag of the request's signed-in user, as
/// <see cref="OwnerEndpoint"/> answers it.
/// </param>
internal sealed record ReadinessResponse(
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("build")] string Build,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("retryAfterMs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RetryAfterMs = null,
    [property: JsonPropertyName("owner"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Owner = null)
{
    /// <summary>The reason given to a page over the readiness budget.</summary>
    public const string Busy = "busy";
}

[JsonSerializable(typeof(ReadinessResponse))]
internal sealed partial class ReadinessJsonContext : JsonSerializerContext;
