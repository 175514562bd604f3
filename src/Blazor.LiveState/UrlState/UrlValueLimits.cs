
namespace Blazor.LiveState.UrlState;

/// <summary>
/// What the kit reads from a URL, and so what it writes: one rule for both, so the kit never writes what it
/// would refuse to read back after a reload, nor a URL that servers refuse (the reload of a deploy would land
/// on an error page, or come back without the state).
/// </summary>
internal sealed class UrlValueLimits(UrlStateOptions options)
{
    /// <summary>The most values one key of a list property may hold.</summary>
    public int MaxValuesPerKey => options.MaxValuesPerKey;

    /// <summary>The most characters one value may have.</summary>
    public int MaxValueLength => options.MaxValueLength;

    /// <summary>Whether one key of a list property holds more values than are read.</summary>
    public bool TooManyValues(int count) => count > options.MaxValuesPerKey;

    /// <summary>Whether a value of <paramref name="length"/> characters is longer than is read.</summary>
    public bool ValueTooLong(int length) => length > options.MaxValueLength;

    /// <summary>Why these values of one key could not be read back from the URL, or null when they can.</summary>
    public string? WhyUnreadable(string[] values)
    {
        if (TooManyValues(values.Length))
        {
            return $"{values.Length} values, more than UrlState.MaxValuesPerKey ({options.MaxValuesPerKey})";
        }

        // A null list has no values at all (an empty one has one empty value).
        var longest = values.Length == 0 ? 0 : values.Max(v => v?.Length ?? 0);
        return ValueTooLong(longest)
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
