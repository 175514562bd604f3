using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Mistakes that only the whole project shows, reported when it is built: live-state properties on a
/// component nothing binds (LIVESTATE001), and a [UrlState] type that neither the kit nor a converter the
/// project registers can read (LIVESTATE004). Both stay silent whenever code they cannot see might make the
/// property work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class LiveStateUsageAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        LiveStateDiagnostics.UnboundComponent,
        LiveStateDiagnostics.UnsupportedUrlType,
    ];

    public override void Initialize(AnalysisContext context)
    {
        // A .razor file's @code block reaches the compiler as generated C#: analyze it and report there.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (LiveStateSymbols.From(start.Compilation) is not { } symbols)
            {
                return;
            }

            var usage = new ProjectUsage(start.Compilation, symbols);
            start.RegisterSymbolAction(c => usage.CollectComponent((INamedTypeSymbol)c.Symbol), SymbolKind.NamedType);
            start.RegisterOperationAction(c => usage.CollectCall(((IInvocationOperation)c.Operation).TargetMethod, c.Operation), OperationKind.Invocation);
            start.RegisterOperationAction(c => usage.CollectCall(((IMethodReferenceOperation)c.Operation).Method, c.Operation), OperationKind.MethodReference);
            start.RegisterCompilationEndAction(usage.Report);
        });
    }
}
