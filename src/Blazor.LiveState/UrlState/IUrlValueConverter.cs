using System.Diagnostics.CodeAnalysis;

namespace Blazor.LiveState;

/// <summary>
/// Turns one query-string value into a <typeparamref name="T"/> and back. The kit has converters for
/// strings, numbers, <see cref="bool"/>, <see cref="Guid"/>, dates and times, enums and every
/// <see cref="IParsable{TSelf}"/>; write one for any other type and register it with
/// <see cref="UrlStateOptions.AddConverter{T}"/> or name it in <see cref="UrlStateAttribute.Converter"/>.
/// Arrays, lists and nullable forms of <typeparamref name="T"/> use it for each value.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <remarks>
/// <see cref="Format"/> and <see cref="TryParse"/> must round-trip: <c>TryParse(Format(x))</c> gives a value
/// equal to <c>x</c>. Both must be culture-invariant. <see cref="TryParse"/> sees whatever a user or an old
/// link put in the URL: it returns <see langword="false"/> for anything it cannot read, and never throws.
/// The kit URL-encodes what <see cref="Format"/> returns, so commas, spaces and any character are fine.
/// </remarks>
/// <example>
/// <code>
/// public sealed class PointConverter : IUrlValueConverter&lt;Point&gt;
/// {
///     public string Format(Point value) =&gt; $"{value.X}_{value.Y}";
///
///     public bool TryParse(string text, out Point value)
///     {
///         value = default;
///         var parts = text.Split('_');
///         if (parts.Length != 2
///             || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var x)
///             || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var y))
///         {
///             return false;
///         }
///
///         value = new Point(x, y);
///         return true;
///     }
/// }
/// </code>
/// </example>
public interface IUrlValueConverter<T>
{
    /// <summary>Reads one query value. Returns <see langword="false"/> when <paramref name="text"/> is not a valid <typeparamref name="T"/>.</summary>
    /// <param name="text">The decoded query value; may be empty, very long or hostile.</param>
    /// <param name="value">The value read, when the method returns <see langword="true"/>.</param>
    bool TryParse(string text, [MaybeNullWhen(false)] out T value);

    /// <summary>Writes <paramref name="value"/> as one query value (not yet URL-encoded).</summary>
    string Format(T value);
}
