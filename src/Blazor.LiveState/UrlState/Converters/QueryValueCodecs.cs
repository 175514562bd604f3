using System.Globalization;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// Finds how a property's type is read from and written to the query string: the converter named on the
/// attribute, else one registered in the options, else the kit's own (numbers, text, dates and times,
/// enums, <see cref="IParsable{TSelf}"/>), for the type itself, its nullable form, or the items of an array
/// or list.
/// </summary>
internal static class QueryValueCodecs
{
    // A sign and digits: no white space around them, no thousands separator, no hexadecimal.
    private const NumberStyles IntegerStyles = NumberStyles.AllowLeadingSign;

    // Factories, not instances: each converter is made the first time a property of its type asks for it, so
    // a new process compiles the generic converters only for the number types its app's properties use.
    private static readonly Dictionary<Type, Func<object>> BuiltIn = new()
    {
        [typeof(string)] = static () => new StringConverter(),
        [typeof(bool)] = static () => new BooleanConverter(),
        [typeof(Guid)] = static () => new GuidConverter(),
        [typeof(DateTime)] = static () => new DateTimeConverter(),
        [typeof(DateTimeOffset)] = static () => new DateTimeOffsetConverter(),
        [typeof(DateOnly)] = static () => new DateOnlyConverter(),
        [typeof(TimeOnly)] = static () => new TimeOnlyConverter(),
        [typeof(TimeSpan)] = static () => new TimeSpanConverter(),
        [typeof(byte)] = static () => new NumberConverter<byte>(IntegerStyles),
        [typeof(sbyte)] = static () => new NumberConverter<sbyte>(IntegerStyles),
        [typeof(short)] = static () => new NumberConverter<short>(IntegerStyles),
        [typeof(ushort)] = static () => new NumberConverter<ushort>(IntegerStyles),
        [typeof(int)] = static () => new NumberConverter<int>(IntegerStyles),
        [typeof(uint)] = static () => new NumberConverter<uint>(IntegerStyles),
        [typeof(long)] = static () => new NumberConverter<long>(IntegerStyles),
        [typeof(ulong)] = static () => new NumberConverter<ulong>(IntegerStyles),
        [typeof(Int128)] = static () => new NumberConverter<Int128>(IntegerStyles),
        [typeof(UInt128)] = static () => new NumberConverter<UInt128>(IntegerStyles),
        [typeof(decimal)] = static () => new NumberConverter<decimal>(IntegerStyles | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent),
        [typeof(Half)] = static () => new FloatingPointConverter<Half>(allowNonFinite: false),
        [typeof(float)] = static () => new FloatingPointConverter<float>(allowNonFinite: false),
        [typeof(double)] = static () => new FloatingPointConverter<double>(allowNonFinite: false),
    };

    /// <summary>The kit's converters for a property with <see cref="UrlStateAttribute.AllowNonFiniteNumbers"/>.</summary>
    private static readonly Dictionary<Type, Func<object>> NonFinite = new()
    {
        [typeof(Half)] = static () => new FloatingPointConverter<Half>(allowNonFinite: true),
        [typeof(float)] = static () => new FloatingPointConverter<float>(allowNonFinite: true),
        [typeof(double)] = static () => new FloatingPointConverter<double>(allowNonFinite: true),
    };

    /// <summary>The codec for a property of <paramref name="propertyType"/>.</summary>
    /// <param name="propertyType">The property's type.</param>
    /// <param name="converterType">The converter named on the attribute, if any.</param>
    /// <param name="options">The registered converters.</param>
    /// <param name="allowNonFiniteNumbers">Whether NaN and the infinities are values (<see cref="UrlStateAttribute.AllowNonFiniteNumbers"/>).</param>
    /// <exception cref="InvalidOperationException">
    /// No converter handles the type, the named converter does not fit, or non-finite numbers are allowed for a
    /// property that the kit's floating-point converter does not handle.
    /// </exception>
    public static QueryValueCodec For(Type propertyType, Type? converterType, UrlStateOptions options, bool allowNonFiniteNumbers = false)
    {
        var explicitConverter = converterType is null ? null : Instantiate(converterType);

        if (ItemTypeOf(propertyType) is { } itemType && (explicitConverter is null || !Converts(explicitConverter, propertyType)))
        {
            var element = ForValue(itemType, explicitConverter, options, allowNonFiniteNumbers)
                ?? throw Unsupported(itemType, converterType, $"the items of {propertyType}");
            return new CollectionCodec(element, itemType, propertyType.IsArray);
        }

        return ForValue(propertyType, explicitConverter, options, allowNonFiniteNumbers) ?? throw Unsupported(propertyType, converterType, null);
    }

    /// <summary>The type of the items when <paramref name="type"/> is an array or a list the kit can build; else null.</summary>
    public static Type? ItemTypeOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray && type.GetArrayRank() == 1)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var item])
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
            {
                return item;
            }
        }

        return null;
    }

    private static QueryValueCodec? ForValue(Type type, object? explicitConverter, UrlStateOptions options, bool allowNonFinite)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return ForValue(underlying, explicitConverter, options, allowNonFinite) is { } inner ? new NullableCodec(inner) : null;
        }

        if (allowNonFinite && (explicitConverter is not null || options.FindConverter(type) is not null || !NonFinite.ContainsKey(type)))
        {
            // The switch would silently do nothing: a converter of the app's own decides what it reads.
            throw new InvalidOperationException(
                $"[UrlState(AllowNonFiniteNumbers = true)] applies to float, double and Half properties (or their nullable, array and list forms) " +
                $"read by the kit's own converter, not to {type}{(explicitConverter is not null || options.FindConverter(type) is not null ? " with a converter of the app's own" : "")}.");
        }

        // A named converter that does not fit is a mistake to report, not a reason to fall back to another.
        var converter = explicitConverter is not null
            ? (Converts(explicitConverter, type) ? explicitConverter : null)
            : options.FindConverter(type) ?? (allowNonFinite ? NonFinite : BuiltIn).GetValueOrDefault(type)?.Invoke() ?? Derived(type);
        return converter is null
            ? null
            : (QueryValueCodec)Activator.CreateInstance(typeof(ScalarCodec<>).MakeGenericType(type), converter)!;
    }

    /// <summary>Enums and self-parsing types get a converter made for them.</summary>
    private static object? Derived(Type type)
    {
        if (type.IsEnum)
        {
            return Activator.CreateInstance(typeof(EnumConverter<>).MakeGenericType(type));
        }

        var parsable = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GetGenericArguments()[0] == type);
        return parsable ? Activator.CreateInstance(typeof(ParsableConverter<>).MakeGenericType(type)) : null;
    }

    private static bool Converts(object converter, Type type) =>
        typeof(IUrlValueConverter<>).MakeGenericType(type).IsInstanceOfType(converter);

    private static object Instantiate(Type converterType)
    {
        if (!converterType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IUrlValueConverter<>)))
        {
            throw new InvalidOperationException($"{converterType} does not implement IUrlValueConverter<T>.");
        }

        return Activator.CreateInstance(converterType)
            ?? throw new InvalidOperationException($"{converterType} could not be created.");
    }

    private static InvalidOperationException Unsupported(Type type, Type? converterType, string? context) => new(
        converterType is not null
            ? $"The converter {converterType} does not convert {type}{(context is null ? "" : $" ({context})")}."
            : $"[UrlState] cannot read or write {type}{(context is null ? "" : $" ({context})")}: give the property a converter " +
              "([UrlState(Converter = typeof(...))]) or register one with AddLiveState(o => o.UrlState.AddConverter(...)).");
}
