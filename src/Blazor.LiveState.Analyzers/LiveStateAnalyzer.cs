using Microsoft.CodeAnalysis.Diagnostics;

namespace Blazor.LiveState.Analyzers;

/// <summary>What every Blazor.LiveState analyzer sets up: generated code included, and nothing to do without the kit.</summary>
internal abstract class LiveStateAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        // A .razor file's @code block reaches the compiler as generated C#: analyze it and report there.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (LiveStateSymbols.From(start.Compilation) is { } symbols)
            {
                Start(start, symbols);
            }
        });
    }

    /// <summary>Registers the analyzer's actions for a compilation that references Blazor.LiveState.</summary>
    protected abstract void Start(CompilationStartAnalysisContext context, LiveStateSymbols symbols);
}
