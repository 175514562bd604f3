using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// Any type that parses itself (<see cref="IParsable{TSelf}"/>, which <see cref="ISpanParsable{TSelf}"/>
/// includes), with the invariant culture; written with <see cref="IFormattable"/> when the type has it.
/// </summary>
internal sealed class ParsableConverter<T> : IUrlValueConverter<T>
    where T : IParsable<T>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out T value) =>
        T.TryParse(text, CultureInfo.InvariantCulture, out value);

    public string Format(T value) => value is IFormattable formattable
        ? formattable.ToString(null, CultureInfo.InvariantCulture)
        : value.ToString() ?? "";
}
