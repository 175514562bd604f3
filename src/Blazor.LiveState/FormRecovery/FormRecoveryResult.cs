using System.Text.Json.Serialization;

namespace Blazor.LiveState.Forms;

/// <summary>What the browser did when asked to restore a form.</summary>
internal sealed record FormRecoveryResult(
    [property: JsonPropertyName("restored")] int Restored,
    [property: JsonPropertyName("rejected")] string? Rejected,
    [property: JsonPropertyName("submitAttempted")] bool SubmitAttempted,
    [property: JsonPropertyName("dropped")] int Dropped);

/// <summary>The options of one form, as the browser module reads them.</summary>
internal sealed record FormRecoveryBrowserOptions(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("build")] string Build,
    [property: JsonPropertyName("timeToLiveMs")] double TimeToLiveMs,
    [property: JsonPropertyName("maxBytes")] int MaxBytes,
    [property: JsonPropertyName("saveDelayMs")] double SaveDelayMs);
