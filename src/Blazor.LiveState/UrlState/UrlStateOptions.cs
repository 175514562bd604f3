namespace Blazor.LiveState;

/// <summary>
/// How <see cref="UrlStateAttribute"/> properties read and write the query string, set with
/// <c>AddLiveState(o =&gt; o.UrlState…)</c>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddLiveState(o =>
/// {
///     o.UrlState.WriteThrottle = TimeSpan.FromMilliseconds(100);
///     o.UrlState.AddConverter(new PointConverter());
/// });
/// </code>
/// </example>
public sealed class UrlStateOptions
{
    private readonly Dictionary<Type, object> _converters = [];

    /// <summary>
    /// The shortest time between two URL writes. The first change after a quiet moment is written as soon
    /// as the event that made it is handled; changes within this time (typing in a search box) are merged
    /// into one write at its end. Default: 50 ms.
    /// </summary>
    public TimeSpan WriteThrottle { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest query value read, in characters; a longer one keeps the property's default and logs a
    /// warning. A longer value is not written either (the URL keeps the previous one). Default: 2 048.
    /// </summary>
    public int MaxValueLength { get; set; } = 2_048;

    /// <summary>
    /// The most values read for one key of an array or list property; more keep the default and log a
    /// warning, and are not written either. Default: 100.
    /// </summary>
    public int MaxValuesPerKey { get; set; } = 100;

    /// <summary>
    /// The longest path and query a write may make, in characters (after escaping). A longer write is not
    /// made: the URL keeps its previous values, the component keeps the new ones in memory, and a warning is
    /// logged. Servers refuse longer request lines (Kestrel and nginx answer 414 above 8 KB by default; IIS
    /// takes query strings of 2 048 characters at most unless configured), so the reload of a deploy
    /// would land on an error page. Default: 8 000.
    /// </summary>
    public int MaxUrlLength { get; set; } = 8_000;

    /// <summary>
    /// Uses <paramref name="converter"/> for every <see cref="UrlStateAttribute"/> property of type
    /// <typeparamref name="T"/> (and for nullable forms, arrays and lists of it), in place of the kit's own.
    /// </summary>
    /// <typeparam name="T">The value type the converter reads and writes.</typeparam>
    /// <param name="converter">The converter.</param>
    /// <returns>These options, for chaining.</returns>
    public UrlStateOptions AddConverter<T>(IUrlValueConverter<T> converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        _converters[typeof(T)] = converter;
        return this;
    }

    /// <summary>The converter registered for <paramref name="type"/>, if any (an <c>IUrlValueConverter&lt;type&gt;</c>).</summary>
    internal object? FindConverter(Type type) => _converters.GetValueOrDefault(type);
}
