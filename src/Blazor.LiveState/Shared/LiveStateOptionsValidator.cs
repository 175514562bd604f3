using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Rejects option values that would break the kit at run time, so the app fails at start-up instead.
/// </summary>
internal sealed class LiveStateOptionsValidator : IValidateOptions<LiveStateOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
