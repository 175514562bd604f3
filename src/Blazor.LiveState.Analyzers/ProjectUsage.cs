using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// What one compilation declares and calls that decides whether a live-state property works: components with
/// live-state properties or <c>[FormRecoveryModel]</c> members, the types passed to <c>LiveStateBinder.BindAsync</c>,
/// the converters registered with <c>UrlStateOptions.AddConverter</c>, and whether the project calls
/// <c>AddLiveState</c> at all.
/// </summary>
internal sealed class ProjectUsage(Compilation compilation, LiveStateSymbols symbols)
{
    private readonly ConcurrentBag<INamedTypeSymbol> _unboundCandidates = [];
    private readonly ConcurrentBag<LiveStateProperty> _unconvertedCandidates = [];
    private readonly ConcurrentBag<ITypeSymbol> _boundTypes = [];
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _registeredConverters = new(SymbolEqualityComparer.Default);
    private int _bindsUnknownTypes;
    private int _registersUnknownTypes;
    private int _configuresLiveState;

    /// <summary>Notes a type's live-state properties and form models that may be unbound, and properties of a type no converter handles.</summary>
    public void CollectComponent(INamedTypeSymbol type)
    {
        var declared = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && p.Locations[0].IsInSource)
            .SelectMany(p => LiveStateProperty.Of(p, symbols))
            .ToList();
        if (declared.Count == 0 && !FormModelMembers.DeclaredOn(type, symbols).Any())
        {
            return;
        }

        if (MayBeUnbound(type))
        {
            _unboundCandidates.Add(type);
        }

        foreach (var live in declared)
        {
            if (live.Kind == LiveStateKind.Url && live.Converter is null && !Types.ContainUnknowns(live.Property.Type)
                && !symbols.Converters.Handles(live.Property.Type, static _ => false))
            {
                _unconvertedCandidates.Add(live);
            }
        }
    }

    /// <summary>
    /// Notes a call of (or a reference to) <c>BindAsync</c>, <c>AddConverter</c> or <c>AddLiveState</c> (the
    /// package's, or the Testing package's for bUnit).
    /// </summary>
    public void CollectCall(IMethodSymbol method, IOperation operation)
    {
        var declaringType = method.ContainingType;
        if (method.Name == "BindAsync" && SymbolEqualityComparer.Default.Equals(declaringType, symbols.LiveStateBinder))
        {
            // A method group (a delegate to BindAsync) may bind anything.
            if (BoundType(operation) is { } bound)
            {
                _boundTypes.Add(bound);
            }
            else
            {
                Interlocked.Exchange(ref _bindsUnknownTypes, 1);
            }
        }
        else if (method.Name == "AddConverter" && SymbolEqualityComparer.Default.Equals(declaringType, symbols.UrlStateOptions))
        {
            var converted = method.TypeArguments.FirstOrDefault();
            if (operation is IInvocationOperation && converted is not null && !Types.ContainUnknowns(converted))
            {
                _registeredConverters.TryAdd(converted, true);
            }
            else
            {
                Interlocked.Exchange(ref _registersUnknownTypes, 1);
            }
        }
        else if (method.Name == "AddLiveState" && declaringType?.ContainingAssembly?.Name.StartsWith("Blazor.LiveState", StringComparison.Ordinal) == true)
        {
            Interlocked.Exchange(ref _configuresLiveState, 1);
        }
    }

    public void Report(CompilationAnalysisContext context)
    {
        if (Volatile.Read(ref _bindsUnknownTypes) == 0)
        {
            foreach (var type in _unboundCandidates.Where(t => !_boundTypes.Any(b => Types.IsOrDerivesFrom(t, b) || Types.IsOrDerivesFrom(b, t))))
            {
                ReportUnbound(context, type);
            }
        }

        // Converters are registered where AddLiveState is called: a project that does not call it (a component
        // library) may have them registered by the app, so only that project can tell a type is unsupported.
        if (Volatile.Read(ref _configuresLiveState) == 1 && Volatile.Read(ref _registersUnknownTypes) == 0)
        {
            foreach (var live in _unconvertedCandidates.Where(l => !symbols.Converters.Handles(l.Property.Type, _registeredConverters.ContainsKey)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    LiveStateDiagnostics.UnsupportedUrlType, live.Property.Locations[0], live.Property.Type.ToDisplayString(), live.Property.Name));
            }
        }
    }

    private void ReportUnbound(CompilationAnalysisContext context, INamedTypeSymbol type)
    {
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.Locations[0].IsInSource))
        {
            foreach (var live in LiveStateProperty.Of(property, symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    LiveStateDiagnostics.UnboundComponent, property.Locations[0], live.AttributeName, $"{type.Name}.{property.Name}", type.Name));
            }
        }

        foreach (var model in FormModelMembers.DeclaredOn(type, symbols))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                LiveStateDiagnostics.UnboundComponent, model.Locations[0], "FormRecoveryModel", $"{type.Name}.{model.Name}", type.Name));
        }
    }

    /// <summary>
    /// Whether nothing this analyzer cannot see may bind <paramref name="type"/>: it is a component that does not
    /// inherit LiveComponentBase, no base class from another library built on the kit (which may call BindAsync
    /// in its own code) is in its chain, and no other project can derive from it (an app's type, a sealed or
    /// internal one, or a routable page).
    /// </summary>
    private bool MayBeUnbound(INamedTypeSymbol type)
    {
        if (symbols.Component is null || !type.AllInterfaces.Contains(symbols.Component, SymbolEqualityComparer.Default)
            || Types.IsOrDerivesFrom(type, symbols.LiveComponentBase))
        {
            return false;
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            var assembly = baseType.ContainingAssembly;
            if (!SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) && BuiltOnTheKit(assembly))
            {
                return false;
            }
        }

        return compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary
            || type.IsSealed
            || !IsVisibleOutside(type)
            || type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.Route));
    }

    private bool BuiltOnTheKit(IAssemblySymbol? assembly) =>
        assembly is not null
        && (SymbolEqualityComparer.Default.Equals(assembly, symbols.KitAssembly)
            || assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Contains(symbols.KitAssembly, SymbolEqualityComparer.Default)));

    private static bool IsVisibleOutside(INamedTypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The static type of the object passed as BindAsync's target: the object may be of that type or any type
    /// derived from it. Null when it may be anything (object, an interface, a type parameter, a method group).
    /// </summary>
    private static ITypeSymbol? BoundType(IOperation operation)
    {
        if (operation is not IInvocationOperation invocation
            || invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value is not { } target)
        {
            return null;
        }

        while (target is IConversionOperation { IsImplicit: true } conversion)
        {
            target = conversion.Operand;
        }

        return target.Type is { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: not SpecialType.System_Object } type ? type : null;
    }
}
