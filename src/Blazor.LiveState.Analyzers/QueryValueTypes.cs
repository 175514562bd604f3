using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Which property types the kit's query-value converters handle, as the kit's QueryValueCodecs decides at run
/// time: strings, bool, every number type, Guid, dates and times, enums and types that implement
/// <c>IParsable&lt;TSelf&gt;</c>, their nullable forms, and one-dimensional arrays and the kit's list types of them.
/// </summary>
internal sealed class QueryValueTypes
{
    private static readonly SpecialType[] BuiltInSpecialTypes =
    [
        SpecialType.System_String, SpecialType.System_Boolean, SpecialType.System_DateTime,
        SpecialType.System_Byte, SpecialType.System_SByte, SpecialType.System_Int16, SpecialType.System_UInt16,
        SpecialType.System_Int32, SpecialType.System_UInt32, SpecialType.System_Int64, SpecialType.System_UInt64,
        SpecialType.System_Single, SpecialType.System_Double, SpecialType.System_Decimal,
    ];

    private static readonly string[] BuiltInMetadataNames =
    [
        "System.Guid", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.TimeSpan",
        "System.Int128", "System.UInt128", "System.Half",
    ];

    /// <summary>The generic collections the kit builds for a repeated key (its ItemTypeOf).</summary>
    private static readonly string[] ListMetadataNames =
    [
        "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
    ];

    private readonly HashSet<ITypeSymbol> _builtIn = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _lists = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _parsable;

    public QueryValueTypes(Compilation compilation)
    {
        foreach (var special in BuiltInSpecialTypes)
        {
            _builtIn.Add(compilation.GetSpecialType(special));
        }

        foreach (var name in BuiltInMetadataNames)
        {
            AddIfFound(_builtIn, compilation, name);
        }

        foreach (var name in ListMetadataNames)
        {
            AddIfFound(_lists, compilation, name);
        }

        _parsable = compilation.GetTypeByMetadataName("System.IParsable`1");
    }

    /// <summary>The item type when the kit reads <paramref name="type"/> as a repeated key (an array or a list); else null.</summary>
    public ITypeSymbol? ItemTypeOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType;
        }

        return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && _lists.Contains(named.OriginalDefinition)
            ? named.TypeArguments[0]
            : null;
    }

    /// <summary>
    /// Whether the kit reads and writes a property of <paramref name="type"/> with no converter named on the
    /// attribute. <paramref name="isRegistered"/> says whether the app registers a converter for a value type.
    /// </summary>
    public bool Handles(ITypeSymbol type, Func<ITypeSymbol, bool> isRegistered) =>
        HandlesValue(ItemTypeOf(type) ?? type, isRegistered);

    /// <summary>
    /// Whether <paramref name="converter"/> (named on the attribute) converts a property of <paramref name="type"/>:
    /// the type itself, else (for an array or list) its items; in both cases also their nullable form.
    /// </summary>
    public bool ConverterFits(ITypeSymbol converter, ITypeSymbol type, INamedTypeSymbol urlValueConverter)
    {
        if (ItemTypeOf(type) is { } item && !Converts(converter, type, urlValueConverter))
        {
            return Converts(converter, UnderlyingOf(item), urlValueConverter);
        }

        return Converts(converter, UnderlyingOf(type), urlValueConverter);
    }

    /// <summary>Whether <paramref name="converter"/> implements <c>IUrlValueConverter&lt;<paramref name="type"/>&gt;</c>.</summary>
    public static bool Converts(ITypeSymbol converter, ITypeSymbol type, INamedTypeSymbol urlValueConverter) =>
        converter.AllInterfaces.Any(i =>
            SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, urlValueConverter)
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));

    private bool HandlesValue(ITypeSymbol type, Func<ITypeSymbol, bool> isRegistered)
    {
        type = UnderlyingOf(type);
        return isRegistered(type) || _builtIn.Contains(type) || type.TypeKind == TypeKind.Enum || ParsesItself(type);
    }

    /// <summary>The kit's ParsableConverter needs <c>IParsable&lt;T&gt;</c> of the type itself, not of a base.</summary>
    private bool ParsesItself(ITypeSymbol type) =>
        _parsable is not null && type.AllInterfaces.Any(i =>
            SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, _parsable)
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));

    private static ITypeSymbol UnderlyingOf(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;

    private static void AddIfFound(HashSet<ITypeSymbol> set, Compilation compilation, string metadataName)
    {
        if (compilation.GetTypeByMetadataName(metadataName) is { } type)
        {
            set.Add(type);
        }
    }
}
