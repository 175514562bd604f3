using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.UrlState;

/// <summary>
/// The decoded query of one URL, keys compared case-insensitively as Blazor's own query parameters are.
/// <c>+</c> reads as a space, as browsers' forms write it; the kit itself writes <c>%2B</c> for a plus.
/// </summary>
internal sealed class QueryValues
{
    private readonly Dictionary<string, StringValues> _values;

    private QueryValues(string path, Dictionary<string, StringValues> values)
    {
        Path = path;
        _values = values;
    }

    /// <summary>The URL without its query and fragment.</summary>
    public string Path { get; }

    public static QueryValues Parse(string uri)
    {
        var end = uri.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = end < 0 ? uri : uri[..end];
        var start = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        return start < 0
            ? new QueryValues(withoutFragment, new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase))
            : new QueryValues(withoutFragment[..start], new Dictionary<string, StringValues>(QueryHelpers.ParseQuery(withoutFragment[start..]), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The values of <paramref name="key"/>; empty when the key is not there.</summary>
    public StringValues this[string key] => _values.GetValueOrDefault(key);

    /// <summary>Whether both URLs have the same path and the same values for every key.</summary>
    public bool SameAs(QueryValues other)
    {
        if (!string.Equals(Path, other.Path, StringComparison.Ordinal) || _values.Count != other._values.Count)
        {
            return false;
        }

        foreach (var (key, values) in _values)
        {
            if (!other._values.TryGetValue(key, out var otherValues) || !StringValues.Equals(values, otherValues))
            {
                return false;
            }
        }

        return true;
    }
}
