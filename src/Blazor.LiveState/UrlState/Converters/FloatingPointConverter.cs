using System.Globalization;
using System.Numerics;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// A <see cref="float"/>, <see cref="double"/> or <see cref="Half"/>, culture-invariant: a decimal point and an
/// exponent, never a thousands separator. Finite values only, unless the property opts in with
/// <see cref="UrlStateAttribute.AllowNonFiniteNumbers"/>: then <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>
/// too. A number too large for the type (<c>1e309</c> for a <see cref="double"/>) is out of range either way, as
/// an integer's overflow is; .NET would read it as infinity. Formatting is the shortest text that reads back to
/// the same value.
/// </summary>
internal sealed class FloatingPointConverter<T>(bool allowNonFinite) : IUrlValueConverter<T>
    where T : IFloatingPointIeee754<T>
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public bool TryParse(string text, out T value)
    {
        if (T.TryParse(text, Styles, CultureInfo.InvariantCulture, out value!)
            && (T.IsFinite(value) || (allowNonFinite && IsNamed(text))))
        {
            return true;
        }

        value = T.Zero;
        return false;
    }

    public string Format(T value)
    {
        if (!allowNonFinite && !T.IsFinite(value))
        {
            // Written, it would be refused when read back: the reload of a deploy would lose it.
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                $"{typeof(T).Name} holds {value}; the URL carries finite numbers only unless the property has [UrlState(AllowNonFiniteNumbers = true)].");
        }

        return value.ToString(null, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether a non-finite value was named (<c>NaN</c>, <c>Infinity</c>) rather than made by digits that
    /// overflowed the type: names carry no digit.
    /// </summary>
    private static bool IsNamed(string text) => !text.AsSpan().ContainsAnyInRange('0', '9');
}
