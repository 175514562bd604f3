using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>Questions about types that several analyzers ask.</summary>
internal static class Types
{
    /// <summary>
    /// Whether <paramref name="type"/> is or contains a type parameter or an unresolved type: its real type is
    /// only known at run time (a generic component), so no rule about it can be checked here.
    /// </summary>
    public static bool ContainUnknowns(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.TypeParameter or TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainUnknowns(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainUnknowns),
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or derives from it (any type arguments).</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol type, ITypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
