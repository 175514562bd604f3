
namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// An enum by its name, read case-insensitively. Numbers and names the enum does not define are
/// rejected, so a URL cannot put the property into a state the code never names; for the same reason a
/// value without a name (or flags with unnamed bits) is not written. Flags are written as <c>Red,Blue</c>,
/// and no flag at all (when the enum has no name for zero) as an empty value.
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

    public string Format(T value)
    {
        if (!HasNames(value))
        {
            // Written as a number, it would be refused when read back: the reload of a deploy would lose it.
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                $"{typeof(T).Name} has no name for this value{(IsFlags ? " (some of its bits have none)" : "")}; the URL carries enum names only.");
        }

        return IsFlags && EqualityComparer<T>.Default.Equals(value, default) && !Enum.IsDefined(value)
            ? ""
            : value.ToString().Replace(", ", ",", StringComparison.Ordinal);
    }

    private static readonly ulong NamedBits = Enum.GetValues<T>().Aggregate(0UL, (bits, named) => bits | Bits(named));

    /// <summary>Whether <see cref="TryParse"/> can read the value back: a defined value, or only named flags.</summary>
    private static bool HasNames(T value) => IsFlags ? (Bits(value) & ~NamedBits) == 0 : Enum.IsDefined(value);

    private static ulong Bits(T value) => Type.GetTypeCode(typeof(T)) == TypeCode.UInt64
        ? Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)
        : unchecked((ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
}
