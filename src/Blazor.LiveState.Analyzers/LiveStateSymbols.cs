using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>The kit's and the framework's types the analyzers look for, resolved once per compilation.</summary>
internal sealed class LiveStateSymbols
{
    private LiveStateSymbols(Compilation compilation, INamedTypeSymbol urlState, INamedTypeSymbol tabState)
    {
        UrlStateAttribute = urlState;
        TabStateAttribute = tabState;
        KitAssembly = urlState.ContainingAssembly;
        LiveComponentBase = compilation.GetTypeByMetadataName("Blazor.LiveState.LiveComponentBase");
        LiveStateBinder = compilation.GetTypeByMetadataName("Blazor.LiveState.LiveStateBinder");
        FormRecoveryModelAttribute = compilation.GetTypeByMetadataName("Blazor.LiveState.FormRecoveryModelAttribute");
        UrlStateOptions = compilation.GetTypeByMetadataName("Blazor.LiveState.UrlStateOptions");
        UrlValueConverter = compilation.GetTypeByMetadataName("Blazor.LiveState.IUrlValueConverter`1");
        Component = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.IComponent");
        Route = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Components.RouteAttribute");
        Converters = new QueryValueTypes(compilation);
    }

    public INamedTypeSymbol UrlStateAttribute { get; }

    public INamedTypeSymbol TabStateAttribute { get; }

    /// <summary>The Blazor.LiveState assembly the compilation references.</summary>
    public IAssemblySymbol KitAssembly { get; }

    public INamedTypeSymbol? LiveComponentBase { get; }

    public INamedTypeSymbol? LiveStateBinder { get; }

    /// <summary><c>[FormRecoveryModel]</c>; null with a kit version that has none.</summary>
    public INamedTypeSymbol? FormRecoveryModelAttribute { get; }

    public INamedTypeSymbol? UrlStateOptions { get; }

    /// <summary><c>IUrlValueConverter&lt;T&gt;</c>, unconstructed.</summary>
    public INamedTypeSymbol? UrlValueConverter { get; }

    public INamedTypeSymbol? Component { get; }

    public INamedTypeSymbol? Route { get; }

    /// <summary>What the kit's own converters handle.</summary>
    public QueryValueTypes Converters { get; }

    /// <summary>The symbols, or <see langword="null"/> when the compilation does not reference Blazor.LiveState.</summary>
    public static LiveStateSymbols? From(Compilation compilation)
    {
        var urlState = compilation.GetTypeByMetadataName("Blazor.LiveState.UrlStateAttribute");
        var tabState = compilation.GetTypeByMetadataName("Blazor.LiveState.TabStateAttribute");
        return urlState is null || tabState is null ? null : new LiveStateSymbols(compilation, urlState, tabState);
    }
}
