using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState;

/// <summary>
/// What a URL write may hold. The kit writes nothing it would refuse to read back after a reload, nor a URL
/// that servers refuse: a deploy would then reload the page into an error, or without the state.
/// </summary>
internal sealed class UrlWriteLimits(UrlStateOptions options)
{
    /// <summary>Why these values of one key could not be read back from the URL, or null when they can.</summary>
    public string? WhyUnreadable(string[] values)
    {
        if (values.Length > options.MaxValuesPerKey)
        {
            return $"{values.Length} values, more than UrlState.MaxValuesPerKey ({options.MaxValuesPerKey})";
        }

        var longest = values.Max(v => v?.Length ?? 0);
        return longest > options.MaxValueLength
            ? $"a value of {longest} characters, more than UrlState.MaxValueLength ({options.MaxValueLength})"
            : null;
    }

    /// <summary>The length of <paramref name="uri"/>'s path and query when that is more than servers are asked to take, else null.</summary>
    public int? TooLong(string uri)
    {
        // Escaped by the navigation manager, so one character is one byte of the request line.
        var length = new Uri(uri, UriKind.Absolute).PathAndQuery.Length;
        return length > options.MaxUrlLength ? length : null;
    }
}
