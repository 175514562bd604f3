using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// An enum by its name, read case-insensitively. Numbers and names the enum does not define are
/// rejected, so a URL cannot put the property into a state the code never names. Flags are written
/// as <c>Red,Blue</c>, and no flag at all (when the enum has no name for zero) as an empty value.
/// </summary>
internal sealed class EnumConverter<T> : IUrlValueConverter<T>
    where T : struct, Enum
{
    private static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute), inherit: false);

    public bool TryParse(string text, out T value)
    {
        value = default;
        if (text.Length == 0)
        {
            // Flags with none set; any other enum needs a name.
            return IsFlags;
        }

        var parts = text.Split(',');
        if (!IsFlags && parts.Length > 1)
        {
            // "Name,Date" would combine two values into one the URL never named.
            return false;
        }

        foreach (var part in parts)
        {
            var name = part.Trim();
            // Enum.TryParse would also take "42" or "-1", values the code may never name.
            if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name[0] is '-' or '+')
            {
                return false;
            }
        }

        if (!Enum.TryParse(text, ignoreCase: true, out value))
        {
            return false;
        }

        return IsFlags || Enum.IsDefined(value);
    }

    public string Format(T value) => IsFlags && EqualityComparer<T>.Default.Equals(value, default) && !Enum.IsDefined(value)
        ? ""
        : value.ToString().Replace(", ", ",", StringComparison.Ordinal);
}
