using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// The members that carry <c>[FormRecoveryModel]</c>, as the kit's LiveComponentMetadata reads them at run time: fields
/// and properties with the attribute on the member itself.
/// </summary>
internal static class FormModelMembers
{
    /// <summary>Whether <paramref name="member"/> is a field or property marked <c>[FormRecoveryModel]</c>.</summary>
    public static bool IsMarked(ISymbol member, LiveStateSymbols symbols) =>
        symbols.FormRecoveryModelAttribute is { } attribute
        && member is IFieldSymbol or IPropertySymbol
        && member.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>The instance members of <paramref name="type"/>, declared in source, that are marked <c>[FormRecoveryModel]</c>.</summary>
    public static IEnumerable<ISymbol> DeclaredOn(INamedTypeSymbol type, LiveStateSymbols symbols) =>
        type.GetMembers().Where(m => !m.IsStatic && !m.IsImplicitlyDeclared && m.Locations[0].IsInSource && IsMarked(m, symbols));
}
