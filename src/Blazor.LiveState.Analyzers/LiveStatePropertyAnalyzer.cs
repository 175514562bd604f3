using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Mistakes visible in one component's declaration, reported while typing: a live-state property the kit
/// cannot read and write (LIVESTATE002) or ignores (LIVESTATE003), a [UrlState] converter that does not fit
/// (LIVESTATE005), and two properties with one query key (LIVESTATE006) or one tab-state name (LIVESTATE007).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class LiveStatePropertyAnalyzer : LiveStateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        LiveStateDiagnostics.NotReadWrite,
        LiveStateDiagnostics.StaticProperty,
        LiveStateDiagnostics.UnusableConverter,
        LiveStateDiagnostics.DuplicateQueryKey,
        LiveStateDiagnostics.DuplicateTabStateName,
    ];

    protected override void Start(CompilationStartAnalysisContext context, LiveStateSymbols symbols)
    {
        context.RegisterSymbolAction(c => AnalyzeProperty(c, symbols), SymbolKind.Property);
        context.RegisterSymbolAction(c => AnalyzeKeys(c, symbols), SymbolKind.NamedType);
    }

    private static void AnalyzeProperty(SymbolAnalysisContext context, LiveStateSymbols symbols)
    {
        var property = (IPropertySymbol)context.Symbol;
        foreach (var live in LiveStateProperty.Of(property, symbols))
        {
            var location = property.Locations[0];
            if (property.IsStatic)
            {
                context.ReportDiagnostic(Diagnostic.Create(LiveStateDiagnostics.StaticProperty, location, live.AttributeName, property.Name));
                continue;
            }

            if (property.GetMethod is null || property.SetMethod is null || property.IsIndexer)
            {
                context.ReportDiagnostic(Diagnostic.Create(LiveStateDiagnostics.NotReadWrite, location, live.AttributeName, property.Name));
            }

            if (live.Kind == LiveStateKind.Url && live.Converter is { } converter
                && ConverterProblem(converter, property.Type, symbols) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    LiveStateDiagnostics.UnusableConverter, location, converter.ToDisplayString(), property.Name, problem));
            }
        }
    }

    /// <summary>Why the kit cannot use <paramref name="converter"/> for a property of <paramref name="type"/>; null when it can.</summary>
    private static string? ConverterProblem(ITypeSymbol converter, ITypeSymbol type, LiveStateSymbols symbols)
    {
        if (symbols.UrlValueConverter is not { } urlValueConverter || converter.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (!converter.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, urlValueConverter)))
        {
            return "does not implement IUrlValueConverter<T>";
        }

        if (!CanBeCreated(converter))
        {
            return "cannot be created: it must be a concrete, closed type with a public parameterless constructor";
        }

        if (Types.ContainUnknowns(type))
        {
            return null;
        }

        var converted = symbols.Converters.ItemTypeOf(type) is { } item && !QueryValueTypes.Converts(converter, type, urlValueConverter) ? item : type;
        return symbols.Converters.ConverterFits(converter, type, urlValueConverter)
            ? null
            : $"does not convert '{converted.ToDisplayString()}' (it must implement IUrlValueConverter<{converted.ToDisplayString()}>)";
    }

    /// <summary>As <c>Activator.CreateInstance(type)</c> needs: not abstract, not open, a public parameterless constructor (always there for a struct).</summary>
    private static bool CanBeCreated(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsAbstract: false, IsUnboundGenericType: false } named
        && (named.TypeKind == TypeKind.Struct
            || (named.TypeKind == TypeKind.Class
                && named.InstanceConstructors.Any(c => c.Parameters.IsEmpty && c.DeclaredAccessibility == Accessibility.Public)));

    /// <summary>Two live-state properties bound on one instance under one key; reported on a property this type declares.</summary>
    private static void AnalyzeKeys(SymbolAnalysisContext context, LiveStateSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var queryKeys = new Dictionary<string, LiveStateProperty>(StringComparer.OrdinalIgnoreCase);
        var tabNames = new Dictionary<string, LiveStateProperty>(StringComparer.Ordinal);
        foreach (var live in LiveStateProperty.BoundOn(type, symbols))
        {
            var (seen, descriptor) = live.Kind == LiveStateKind.Url
                ? (queryKeys, LiveStateDiagnostics.DuplicateQueryKey)
                : (tabNames, LiveStateDiagnostics.DuplicateTabStateName);
            var key = live.Key;
            if (!seen.TryGetValue(key, out var first))
            {
                seen.Add(key, live);
                continue;
            }

            var declaredHere = DeclaredIn(live, type) ? live : DeclaredIn(first, type) ? first : null;
            if (declaredHere is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    descriptor, declaredHere.Property.Locations[0], type.Name, key, first.Property.Name, live.Property.Name));
            }
        }
    }

    private static bool DeclaredIn(LiveStateProperty live, INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(live.Property.ContainingType, type) && live.Property.Locations[0].IsInSource;
}
