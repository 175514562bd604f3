using System.Text.Json.Serialization;

namespace Blazor.LiveState.Forms;

/// <summary>What the browser did when asked to restore a form.</summary>
internal sealed record FormRecoveryResult(
    [property: JsonPropertyName("restored")] int Restored,
    [property: JsonPropertyName("rejected")] string? Rejected,
    [property: JsonPropertyName("submitAttempted")] bool SubmitAttempted,
    [property: JsonPropertyName("dropped")] int Dropped);

/// <summary>The options of one form, as the browser module reads them from the marker's attributes.</summary>
internal sealed record FormRecoveryBrowserOptions(string? Key, string Build, string TimeToLiveMs, string MaxCharacters, string SaveDelayMs)
{
    public static FormRecoveryBrowserOptions From(FormRecoveryOptions options, string? key, string build) => new(
        key,
        build,
        Milliseconds(options.TimeToLive),
        options.MaxSnapshotCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Milliseconds(options.SaveDelay));

    private static string Milliseconds(TimeSpan value) =>
        Math.Round(value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
