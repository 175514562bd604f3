using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Mistakes visible in one <c>[FormRecoveryModel]</c> member, reported while typing: a property the kit cannot read
/// (LIVESTATE008, it throws at the first render), and a member whose model the kit never fills (LIVESTATE009: a static
/// member, or a struct read as a copy).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class FormRecoveryModelAnalyzer : LiveStateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        LiveStateDiagnostics.FormModelWithoutGetter,
        LiveStateDiagnostics.UnfillableFormModel,
    ];

    protected override void Start(CompilationStartAnalysisContext context, LiveStateSymbols symbols)
    {
        if (symbols.FormRecoveryModelAttribute is null)
        {
            return;
        }

        context.RegisterSymbolAction(c => AnalyzeMember(c, symbols), SymbolKind.Field, SymbolKind.Property);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context, LiveStateSymbols symbols)
    {
        var member = context.Symbol;
        if (member.IsImplicitlyDeclared || !FormModelMembers.IsMarked(member, symbols))
        {
            return;
        }

        var location = member.Locations[0];
        if (member.IsStatic)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                LiveStateDiagnostics.UnfillableFormModel, location, member.Name, "only instance members are read"));
            return;
        }

        if (member is IPropertySymbol property && (property.GetMethod is null || property.IsIndexer))
        {
            context.ReportDiagnostic(Diagnostic.Create(LiveStateDiagnostics.FormModelWithoutGetter, location, member.Name));
            return;
        }

        var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
        if (type.IsValueType && !Types.ContainUnknowns(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                LiveStateDiagnostics.UnfillableFormModel, location, member.Name,
                $"'{type.ToDisplayString()}' is a value type, read as a copy, so the values set on it are lost; make the model a class"));
        }
    }
}
