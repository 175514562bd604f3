using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Mistakes that only the whole project shows, reported when it is built: live-state properties and
/// [FormRecoveryModel] members on a component nothing binds (LIVESTATE001), and a [UrlState] type that neither
/// the kit nor a converter the project registers can read (LIVESTATE004). Both stay silent whenever code they
/// cannot see might make the property work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class LiveStateUsageAnalyzer : LiveStateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        LiveStateDiagnostics.UnboundComponent,
        LiveStateDiagnostics.UnsupportedUrlType,
    ];

    protected override void Start(CompilationStartAnalysisContext context, LiveStateSymbols symbols)
    {
        var usage = new ProjectUsage(context.Compilation, symbols);
        context.RegisterSymbolAction(c => usage.CollectComponent((INamedTypeSymbol)c.Symbol), SymbolKind.NamedType);
        context.RegisterOperationAction(c => usage.CollectCall(((IInvocationOperation)c.Operation).TargetMethod, c.Operation), OperationKind.Invocation);
        context.RegisterOperationAction(c => usage.CollectCall(((IMethodReferenceOperation)c.Operation).Method, c.Operation), OperationKind.MethodReference);
        context.RegisterCompilationEndAction(usage.Report);
    }
}
