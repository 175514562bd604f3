using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// An integer or a <see cref="decimal"/>, culture-invariant, with the styles given: integers accept only
/// digits and a sign; a decimal a decimal point and an exponent too, but never a thousands separator, so
/// <c>1,5</c> is rejected rather than read as fifteen. A value out of the type's range is rejected.
/// Formatting is the shortest text that reads back to the same value. (Binary floating point:
/// <see cref="FloatingPointConverter{T}"/>.)
/// </summary>
internal sealed class NumberConverter<T>(NumberStyles styles) : IUrlValueConverter<T>
    where T : INumberBase<T>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value) =>
        T.TryParse(text, styles, CultureInfo.InvariantCulture, out value);

    public string Format(T value) => value.ToString(null, CultureInfo.InvariantCulture);
}
