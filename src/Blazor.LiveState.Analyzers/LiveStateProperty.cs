using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>Which of the kit's attributes a property carries.</summary>
internal enum LiveStateKind
{
    Url,
    Tab,
}

/// <summary>
/// A property that carries [UrlState] or [TabState], found as the kit's LiveComponentMetadata finds it at run
/// time: on the property itself or on a property it overrides (<c>GetCustomAttribute(inherit: true)</c>).
/// </summary>
internal sealed class LiveStateProperty
{
    private LiveStateProperty(IPropertySymbol property, LiveStateKind kind, AttributeData attribute)
    {
        Property = property;
        Kind = kind;
        Attribute = attribute;
    }

    public IPropertySymbol Property { get; }

    public LiveStateKind Kind { get; }

    public AttributeData Attribute { get; }

    /// <summary>The attribute as written in code: <c>UrlState</c> or <c>TabState</c>.</summary>
    public string AttributeName => Kind == LiveStateKind.Url ? "UrlState" : "TabState";

    /// <summary>
    /// The query key ([UrlState]) or saved name ([TabState]): the attribute's Name unless it is blank, else
    /// the property name (camelCase for a query key: <c>Page</c> → <c>page</c>).
    /// </summary>
    public string Key
    {
        get
        {
            var name = NamedArgument("Name").Value as string;
            if (!string.IsNullOrWhiteSpace(name))
            {
                return name!;
            }

            var propertyName = Property.MetadataName;
            return Kind == LiveStateKind.Tab
                ? propertyName
                : char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
        }
    }

    /// <summary>The type named by <c>[UrlState(Converter = typeof(...))]</c>, if any.</summary>
    public ITypeSymbol? Converter => NamedArgument("Converter").Value as ITypeSymbol;

    /// <summary>Every live-state attribute on <paramref name="property"/> or on a property it overrides.</summary>
    public static IEnumerable<LiveStateProperty> Of(IPropertySymbol property, LiveStateSymbols symbols)
    {
        if (Find(property, symbols.UrlStateAttribute) is { } url)
        {
            yield return new LiveStateProperty(property, LiveStateKind.Url, url);
        }

        if (Find(property, symbols.TabStateAttribute) is { } tab)
        {
            yield return new LiveStateProperty(property, LiveStateKind.Tab, tab);
        }
    }

    /// <summary>
    /// The live-state properties the kit binds on an instance of <paramref name="type"/>: instance properties of
    /// any accessibility, declared on the type or a base, each name once (the most derived wins), in the order
    /// the kit walks them.
    /// </summary>
    public static IEnumerable<LiveStateProperty> BoundOn(INamedTypeSymbol type, LiveStateSymbols symbols)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || !seen.Add(property.MetadataName))
                {
                    continue;
                }

                foreach (var live in Of(property, symbols))
                {
                    yield return live;
                }
            }
        }
    }

    private TypedConstant NamedArgument(string name)
    {
        foreach (var argument in Attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return default;
    }

    private static AttributeData? Find(IPropertySymbol property, INamedTypeSymbol attributeType)
    {
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return attribute;
                }
            }
        }

        return null;
    }
}
