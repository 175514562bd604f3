using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// Any built-in number, culture-invariant. Integers accept only digits and a sign; fractions accept a
/// decimal point and an exponent but never a thousands separator, so <c>1,5</c> is rejected rather than
/// read as fifteen. Formatting is the shortest text that reads back to the same value.
/// </summary>
internal sealed class NumberConverter<T>(NumberStyles styles) : IUrlValueConverter<T>
    where T : INumberBase<T>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value) =>
        T.TryParse(text, styles, CultureInfo.InvariantCulture, out value);

    public string Format(T value) => value.ToString(null, CultureInfo.InvariantCulture);
}
