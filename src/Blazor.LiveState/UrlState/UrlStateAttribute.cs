
namespace Blazor.LiveState;

/// <summary>
/// Binds a property of a <see cref="LiveComponentBase"/> (or of a component bound with
/// <see cref="LiveStateBinder"/>) to the page's query string, both ways: the property is read from the
/// URL before the component initializes (also while prerendering) and again when the URL changes (Back,
/// Forward, a link), and every change the app makes is written back to the URL after the event that made
/// it, with no page fetch. A malformed value in the URL keeps the property's default and logs a warning.
/// </summary>
/// <remarks>
/// The property's initial value is its default: while the property holds it, the key is left out of
/// the URL (see <see cref="KeepDefault"/>). Supported types: <see cref="string"/>, <see cref="bool"/>,
/// every number type (finite values only, unless <see cref="AllowNonFiniteNumbers"/>), <see cref="Guid"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="TimeSpan"/>, enums (by name, case-insensitive),
/// any <see cref="IParsable{TSelf}"/>, their nullable forms, and arrays and lists of them (one key repeated
/// per item); any other type with an <see cref="IUrlValueConverter{T}"/>.
/// </remarks>
/// <example>
/// <code>
/// @inherits LiveComponentBase
///
/// @code {
///     [UrlState] public string Search { get; set; } = "";
///     [UrlState(Name = "p", History = UrlHistory.Push)] public int Page { get; set; } = 1;
///     [UrlState] public SortOrder Sort { get; set; } = SortOrder.Name;
///     [UrlState(Name = "tag")] public List&lt;string&gt; Tags { get; set; } = [];
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class UrlStateAttribute : Attribute
{
    /// <summary>The query key. Default: the property's name in camelCase (<c>Page</c> → <c>page</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Whether a change replaces the current history entry or adds one. Default: <see cref="UrlHistory.Replace"/>.</summary>
    public UrlHistory History { get; set; } = UrlHistory.Replace;

    /// <summary>
    /// Whether the key stays in the URL while the property holds its default value. Default:
    /// <see langword="false"/>: the URL only carries what differs from the defaults, so it stays short
    /// and a later change of a default reaches old links.
    /// </summary>
    public bool KeepDefault { get; set; }

    /// <summary>
    /// A type implementing <see cref="IUrlValueConverter{T}"/> for the property's type (or, for an array or
    /// list, for its item type), with a public parameterless constructor. Default: the converter registered
    /// for the type with <see cref="UrlStateOptions.AddConverter{T}"/>, else the kit's own.
    /// </summary>
    public Type? Converter { get; set; }

    /// <summary>
    /// Whether a <see cref="float"/>, <see cref="double"/> or <see cref="Half"/> property (or its nullable form,
    /// or the items of its array or list) takes <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, read and
    /// written by those names. Default: <see langword="false"/>: such a value in the URL is malformed (the
    /// property keeps its default and a warning is logged), and while the property holds one it is not written
    /// (an error is logged once and the URL keeps its previous value). A number too large for the type
    /// (<c>1e309</c> for a <see cref="double"/>) is malformed either way, as an integer's overflow is.
    /// </summary>
    /// <remarks>
    /// Set on a property of another type, or with a converter of the app's own, it throws
    /// <see cref="InvalidOperationException"/> when the component first renders: it would do nothing.
    /// </remarks>
    /// <example>
    /// <code>[UrlState(AllowNonFiniteNumbers = true)] public double UpperBound { get; set; } = double.PositiveInfinity;</code>
    /// </example>
    public bool AllowNonFiniteNumbers { get; set; }
}
