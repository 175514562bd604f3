using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// An enum by its name, read case-insensitively. Numbers and names the enum does not define are
/// rejected, so a URL cannot put the property into a state the code never names. Flags are written
/// as <c>Red,Blue</c>.
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
            return false;
        }

        foreach (var part in text.Split(','))
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

    public string Format(T value) => value.ToString().Replace(", ", ",", StringComparison.Ordinal);
}
