using System.Text.Json;
using System.Text.Json.Serialization;

namespace Blazor.LiveState.Reconnect;

/// <summary>
/// The app's reconnect options as the browser module reads them, sent over the circuit when its
/// connection comes up, so the app never writes JavaScript to configure the kit.
/// </summary>
internal sealed record BrowserReconnectConfig(
    [property: JsonPropertyName("build")] string Build,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("endpointPrefix")] string EndpointPrefix,
    [property: JsonPropertyName("probeTimeoutMs")] double ProbeTimeoutMs,
    [property: JsonPropertyName("reload")] string Reload,
    [property: JsonPropertyName("maxReloads")] int MaxReloads,
    [property: JsonPropertyName("reloadWindowMs")] double ReloadWindowMs,
    [property: JsonPropertyName("resumeOnNewInstance")] bool ResumeOnNewInstance,
    [property: JsonPropertyName("resumeInPlace")] bool ResumeInPlace,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("schedule")] BrowserSchedule Schedule)
{
    /// <param name="options">The app's options.</param>
    /// <param name="build">This build's version.</param>
    /// <param name="instance">This process's id.</param>
    /// <param name="owner">
    /// Whose page this circuit serves (the owner tag of its signed-in user): a page paused for a drain resumes only
    /// for the same owner. Null when it cannot be known: the page then moves by reload.
    /// </param>
    public static BrowserReconnectConfig From(LiveStateOptions options, string build, string instance, string? owner)
    {
        var r = options.Reconnect;
        return new BrowserReconnectConfig(
            build,
            instance,
            options.EndpointPrefix,
            r.ProbeTimeout.TotalMilliseconds,
            ReloadName(r.Reload),
            r.MaxReloads,
            r.ReloadWindow.TotalMilliseconds,
            r.ResumeOnNewInstance,
            options.Drain.ResumeInPlace,
            owner,
            new BrowserSchedule(
                r.FirstDelay.TotalMilliseconds,
                r.Growth,
                r.YoungOutage.TotalMilliseconds,
                r.YoungOutageMaxDelay.TotalMilliseconds,
                r.UnansweredMaxDelay.TotalMilliseconds,
                r.MaxDelay.TotalMilliseconds,
                r.Jitter,
                r.MinDelay.TotalMilliseconds,
                r.GiveUpAfter?.TotalMilliseconds));
    }

    /// <summary>The policy's name as the browser reads it: the option's own name, camel-cased (<c>whenServerIsReady</c>, <c>never</c>).</summary>
    internal static string ReloadName(ReloadPolicy policy) => JsonNamingPolicy.CamelCase.ConvertName(policy.ToString());
}

/// <summary>The backoff schedule, in the browser module's units (milliseconds), each named after its option.</summary>
internal sealed record BrowserSchedule(
    [property: JsonPropertyName("firstDelayMs")] double FirstDelayMs,
    [property: JsonPropertyName("growth")] double Growth,
    [property: JsonPropertyName("youngOutageMs")] double YoungOutageMs,
    [property: JsonPropertyName("youngOutageMaxDelayMs")] double YoungOutageMaxDelayMs,
    [property: JsonPropertyName("unansweredMaxDelayMs")] double UnansweredMaxDelayMs,
    [property: JsonPropertyName("maxDelayMs")] double MaxDelayMs,
    [property: JsonPropertyName("jitter")] double Jitter,
    [property: JsonPropertyName("minDelayMs")] double MinDelayMs,
    [property: JsonPropertyName("giveUpAfterMs")] double? GiveUpAfterMs);

/// <summary>How a page's connection came up, as the browser reports it.</summary>
internal sealed record ConnectionReport(
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("downMs")] double DownMs);
