using System.Globalization;
using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// Finds how a property's type is read from and written to the query string: the converter named on the
/// attribute, else one registered in the options, else the kit's own (numbers, text, dates and times,
/// enums, <see cref="IParsable{TSelf}"/>), for the type itself, its nullable form, or the items of an array
/// or list.
/// </summary>
internal static class QueryValueCodecs
{
    private static readonly Dictionary<Type, object> BuiltIn = new()
    {
        [typeof(string)] = new StringConverter(),
        [typeof(bool)] = new BooleanConverter(),
        [typeof(Guid)] = new GuidConverter(),
        [typeof(DateTime)] = new DateTimeConverter(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetConverter(),
        [typeof(DateOnly)] = new DateOnlyConverter(),
        [typeof(TimeOnly)] = new TimeOnlyConverter(),
        [typeof(TimeSpan)] = new TimeSpanConverter(),
        [typeof(byte)] = new NumberConverter<byte>(NumberStyles.Integer),
        [typeof(sbyte)] = new NumberConverter<sbyte>(NumberStyles.Integer),
        [typeof(short)] = new NumberConverter<short>(NumberStyles.Integer),
        [typeof(ushort)] = new NumberConverter<ushort>(NumberStyles.Integer),
        [typeof(int)] = new NumberConverter<int>(NumberStyles.Integer),
        [typeof(uint)] = new NumberConverter<uint>(NumberStyles.Integer),
        [typeof(long)] = new NumberConverter<long>(NumberStyles.Integer),
        [typeof(ulong)] = new NumberConverter<ulong>(NumberStyles.Integer),
        [typeof(Int128)] = new NumberConverter<Int128>(NumberStyles.Integer),
        [typeof(UInt128)] = new NumberConverter<UInt128>(NumberStyles.Integer),
        [typeof(Half)] = new NumberConverter<Half>(NumberStyles.Float),
        [typeof(float)] = new NumberConverter<float>(NumberStyles.Float),
        [typeof(double)] = new NumberConverter<double>(NumberStyles.Float),
        [typeof(decimal)] = new NumberConverter<decimal>(NumberStyles.Float),
    };

    /// <summary>The codec for a property of <paramref name="propertyType"/>.</summary>
    /// <exception cref="InvalidOperationException">No converter handles the type, or the named converter does not fit.</exception>
    public static QueryValueCodec For(Type propertyType, Type? converterType, UrlStateOptions options)
    {
        var explicitConverter = converterType is null ? null : Instantiate(converterType);

        if (ItemTypeOf(propertyType) is { } itemType && (explicitConverter is null || !Converts(explicitConverter, propertyType)))
        {
            var element = ForValue(itemType, explicitConverter, options)
                ?? throw Unsupported(itemType, converterType, $"the items of {propertyType}");
            return new CollectionCodec(element, itemType, propertyType.IsArray);
        }

        return ForValue(propertyType, explicitConverter, options) ?? throw Unsupported(propertyType, converterType, null);
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

    private static QueryValueCodec? ForValue(Type type, object? explicitConverter, UrlStateOptions options)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return ForValue(underlying, explicitConverter, options) is { } inner ? new NullableCodec(inner) : null;
        }

        // A named converter that does not fit is a mistake to report, not a reason to fall back to another.
        var converter = explicitConverter is not null
            ? (Converts(explicitConverter, type) ? explicitConverter : null)
            : options.FindConverter(type) ?? BuiltIn.GetValueOrDefault(type) ?? Derived(type);
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
