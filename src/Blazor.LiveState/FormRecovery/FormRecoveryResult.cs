using System.Text.Json.Serialization;
using Blazor.LiveState.Shared;

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

    /// <summary>
    /// The marker's attributes (<see cref="LiveStateInterop.FormAttributes"/>); an option without a value renders no
    /// attribute. <paramref name="live"/>: the form is interactive, the browser's signal to restore at once.
    /// </summary>
    public IReadOnlyDictionary<string, object?> MarkerAttributes(bool live) => new Dictionary<string, object?>
    {
        [LiveStateInterop.FormAttributes.Marker] = live ? LiveStateInterop.FormAttributes.Live : LiveStateInterop.FormAttributes.Static,
        [LiveStateInterop.FormAttributes.Key] = Key,
        [LiveStateInterop.FormAttributes.Build] = Build,
        [LiveStateInterop.FormAttributes.TtlMs] = TimeToLiveMs,
        [LiveStateInterop.FormAttributes.MaxChars] = MaxCharacters,
        [LiveStateInterop.FormAttributes.SaveDelayMs] = SaveDelayMs,
        [LiveStateInterop.FormAttributes.Owner] = Owner,
        [LiveStateInterop.FormAttributes.Flow] = Flow,
        [LiveStateInterop.FormAttributes.SensitiveNames] = SensitiveNames,
    };

    private static string Milliseconds(TimeSpan value) =>
        Math.Round(value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
