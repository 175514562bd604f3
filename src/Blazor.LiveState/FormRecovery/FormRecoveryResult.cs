using System.Text.Json.Serialization;

namespace Blazor.LiveState.Forms;

/// <summary>What the browser did when asked to restore a form.</summary>
internal sealed record FormRecoveryResult(
    [property: JsonPropertyName("restored")] int Restored,
    [property: JsonPropertyName("rejected")] string? Rejected,
    [property: JsonPropertyName("submitAttempted")] bool SubmitAttempted,
    [property: JsonPropertyName("dropped")] int Dropped);

/// <summary>The options of one form, as the browser module reads them from the marker's attributes.</summary>
internal sealed record FormRecoveryBrowserOptions(
    string? Key, string Build, string TimeToLiveMs, string MaxCharacters, string SaveDelayMs, string? Owner, string? Flow, string? SensitiveNames)
{
    public static FormRecoveryBrowserOptions From(FormRecoveryOptions options, string? key, string build, string? owner, string? flow) => new(
        key,
        build,
        Milliseconds(options.TimeToLive),
        options.MaxSnapshotCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Milliseconds(options.SaveDelay),
        owner,
        string.IsNullOrEmpty(flow) ? null : flow,
        // A JSON array: a name may hold any character; none at all renders no attribute.
        options.SensitiveFieldNames.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(options.SensitiveFieldNames));

    private static string Milliseconds(TimeSpan value) =>
        Math.Round(value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
