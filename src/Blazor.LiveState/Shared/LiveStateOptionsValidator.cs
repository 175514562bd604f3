using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Rejects option values that would break the kit at run time, so the app fails at start-up instead.
/// </summary>
internal sealed class LiveStateOptionsValidator(IServiceProvider services) : IValidateOptions<LiveStateOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveStateOptions options)
    {
        var failures = new List<string>();

        var prefix = options.EndpointPrefix;
        if (string.IsNullOrEmpty(prefix) || prefix[0] != '/' || prefix.Length < 2 || prefix[^1] == '/')
        {
            failures.Add($"{nameof(LiveStateOptions.EndpointPrefix)} must start with '/', have a name and not end with '/' (was '{prefix}').");
        }

        if (options.BuildVersion is { } version && (version.Length == 0 || version.Length > 200))
        {
            failures.Add($"{nameof(LiveStateOptions.BuildVersion)} must be 1 to 200 characters when set.");
        }

        ValidateReconnect(options.Reconnect, failures);
        ValidateFormRecovery(options.FormRecovery, failures);
        ValidateUrlState(options.UrlState, failures);
        ValidateTabState(options.TabState, failures);

        if (options.Drain.Window < TimeSpan.Zero || options.Drain.Window > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Drain.{nameof(options.Drain.Window)} must be between 0 and 5 minutes (was {options.Drain.Window}).");
        }

        if (options.Drain.EndpointKey is { Length: > 0 and < 16 })
        {
            failures.Add($"Drain.{nameof(options.Drain.EndpointKey)} must be at least 16 characters: it guards an endpoint that takes the instance out of service.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFormRecovery(FormRecoveryOptions forms, List<string> failures)
    {
        if (forms.TimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"FormRecovery.{nameof(forms.TimeToLive)} must be positive (was {forms.TimeToLive}).");
        }

        // sessionStorage holds about 5 million characters per origin, for every form together.
        if (forms.MaxSnapshotCharacters is < 1_000 or > 2_000_000)
        {
            failures.Add($"FormRecovery.{nameof(forms.MaxSnapshotCharacters)} must be between 1 000 and 2 000 000 (was {forms.MaxSnapshotCharacters}).");
        }

        if (forms.SaveDelay < TimeSpan.Zero || forms.SaveDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"FormRecovery.{nameof(forms.SaveDelay)} must be between 0 and 10 s (was {forms.SaveDelay}).");
        }

        // A name is matched by its letters and digits; one without any would match nothing.
        foreach (var name in forms.SensitiveFieldNames.Where(n => n is null || !n.Any(char.IsAsciiLetterOrDigit) || n.Length > 100))
        {
            failures.Add($"FormRecovery.{nameof(forms.SensitiveFieldNames)} entries must have a letter or digit and at most 100 characters (was '{name}').");
        }
    }

    private void ValidateTabState(TabStateOptions tabs, List<string> failures)
    {
        if (tabs.MaxStateBytes is < 256 or > 4 * 1024 * 1024)
        {
            failures.Add($"TabState.{nameof(tabs.MaxStateBytes)} must be between 256 bytes and 4 MiB (was {tabs.MaxStateBytes}).");
        }

        if (tabs.TimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"TabState.{nameof(tabs.TimeToLive)} must be positive (was {tabs.TimeToLive}).");
        }

        if (tabs.LoadTimeout < TimeSpan.FromMilliseconds(100) || tabs.LoadTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"TabState.{nameof(tabs.LoadTimeout)} must be between 100 ms and 30 s (was {tabs.LoadTimeout}).");
        }

        if (tabs.Storage == TabStateStorage.DistributedCache && services.GetService(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache)) is null)
        {
            failures.Add("TabState.Storage is DistributedCache, but no IDistributedCache is registered: add one (AddStackExchangeRedisCache, for example).");
        }

        if (!Enum.IsDefined(tabs.Storage))
        {
            failures.Add($"TabState.{nameof(tabs.Storage)} has an unknown value ({tabs.Storage}).");
        }

        if (tabs.JsonSerializerOptions is null)
        {
            failures.Add($"TabState.{nameof(tabs.JsonSerializerOptions)} must not be null.");
        }
    }

    private static void ValidateUrlState(UrlStateOptions urls, List<string> failures)
    {
        if (urls.WriteThrottle < TimeSpan.Zero || urls.WriteThrottle > TimeSpan.FromSeconds(5))
        {
            failures.Add($"UrlState.{nameof(urls.WriteThrottle)} must be between 0 and 5 s (was {urls.WriteThrottle}).");
        }

        // Browsers and proxies refuse URLs of more than a few tens of thousands of characters.
        if (urls.MaxValueLength is < 1 or > 32_768)
        {
            failures.Add($"UrlState.{nameof(urls.MaxValueLength)} must be between 1 and 32 768 (was {urls.MaxValueLength}).");
        }

        if (urls.MaxValuesPerKey is < 1 or > 10_000)
        {
            failures.Add($"UrlState.{nameof(urls.MaxValuesPerKey)} must be between 1 and 10 000 (was {urls.MaxValuesPerKey}).");
        }

        // Below a few hundred characters ordinary pages could not keep their state in the URL at all.
        if (urls.MaxUrlLength is < 256 or > 1_048_576)
        {
            failures.Add($"UrlState.{nameof(urls.MaxUrlLength)} must be between 256 and 1 048 576 (was {urls.MaxUrlLength}).");
        }
    }

    private static void ValidateReconnect(ReconnectOptions reconnect, List<string> failures)
    {
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                failures.Add($"Reconnect.{message}");
            }
        }

        // A zero minimum would allow a tight loop against a server that is down; 10 ms is LiveView's first step.
        Require(reconnect.MinDelay >= TimeSpan.FromMilliseconds(10), $"{nameof(reconnect.MinDelay)} must be at least 10 ms (was {reconnect.MinDelay}).");
        Require(reconnect.FirstDelay >= reconnect.MinDelay, $"{nameof(reconnect.FirstDelay)} must be at least {nameof(reconnect.MinDelay)} (was {reconnect.FirstDelay}).");
        Require(reconnect.Growth is >= 1 and <= 10, $"{nameof(reconnect.Growth)} must be between 1 and 10 (was {reconnect.Growth}).");
        Require(reconnect.YoungOutageMaxDelay >= reconnect.FirstDelay, $"{nameof(reconnect.YoungOutageMaxDelay)} must be at least {nameof(reconnect.FirstDelay)} (was {reconnect.YoungOutageMaxDelay}).");
        // Not tied to MinDelay: an app that raises MinDelay (or YoungOutageMaxDelay) gets its own floor, since
        // MinDelay bounds every wait anyway, and must not fail at start-up over a default it never set.
        Require(reconnect.UnansweredMaxDelay >= TimeSpan.FromMilliseconds(10), $"{nameof(reconnect.UnansweredMaxDelay)} must be at least 10 ms (was {reconnect.UnansweredMaxDelay}).");
        Require(reconnect.MaxDelay >= reconnect.YoungOutageMaxDelay, $"{nameof(reconnect.MaxDelay)} must be at least {nameof(reconnect.YoungOutageMaxDelay)} (was {reconnect.MaxDelay}).");
        Require(reconnect.MaxDelay <= TimeSpan.FromMinutes(10), $"{nameof(reconnect.MaxDelay)} must be at most 10 minutes (was {reconnect.MaxDelay}).");
        Require(reconnect.YoungOutage >= TimeSpan.Zero, $"{nameof(reconnect.YoungOutage)} must not be negative.");
        Require(reconnect.Jitter is >= 0 and <= 1, $"{nameof(reconnect.Jitter)} must be between 0 and 1 (was {reconnect.Jitter}).");
        Require(reconnect.GiveUpAfter is null || reconnect.GiveUpAfter > TimeSpan.Zero, $"{nameof(reconnect.GiveUpAfter)} must be positive or null (never).");
        Require(reconnect.ProbeTimeout >= TimeSpan.FromMilliseconds(100), $"{nameof(reconnect.ProbeTimeout)} must be at least 100 ms (was {reconnect.ProbeTimeout}).");
        Require(reconnect.MaxReloads >= 1, $"{nameof(reconnect.MaxReloads)} must be at least 1 (was {reconnect.MaxReloads}).");
        Require(reconnect.ReloadWindow > TimeSpan.Zero, $"{nameof(reconnect.ReloadWindow)} must be positive.");
        // Zero would hold every page back for ever; a large budget is the way to have almost none.
        Require(reconnect.ReadyPagesPerSecond >= 1, $"{nameof(reconnect.ReadyPagesPerSecond)} must be at least 1 (was {reconnect.ReadyPagesPerSecond}).");
        Require(Enum.IsDefined(reconnect.Reload), $"{nameof(reconnect.Reload)} has an unknown value ({reconnect.Reload}).");
    }
}
