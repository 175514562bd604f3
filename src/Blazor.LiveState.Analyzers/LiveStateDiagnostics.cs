using Microsoft.CodeAnalysis;

namespace Blazor.LiveState.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report. Each matches a rule the kit applies at run time: a mistake that
/// throws when the component first renders, or one that silently does nothing.
/// </summary>
internal static class LiveStateDiagnostics
{
    private const string Usage = "Usage";
    private const string HelpPage = "https://github.com/blazor-livestate/Blazor.LiveState/blob/main/docs/analyzers.md";

    /// <summary>The attributes do nothing: the component neither inherits LiveComponentBase nor is bound with LiveStateBinder.</summary>
    public static readonly DiagnosticDescriptor UnboundComponent = Create(
        "LIVESTATE001",
        "Live-state member on a component that nothing binds",
        "[{0}] on '{1}' does nothing: '{2}' neither inherits LiveComponentBase nor is bound with LiveStateBinder.BindAsync",
        "Only a component that inherits LiveComponentBase, or one passed to LiveStateBinder.BindAsync, has its [UrlState] and [TabState] properties read and written and its [FormRecoveryModel] model filled.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The kit needs a getter and a setter (of any accessibility) and no index parameters; it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor NotReadWrite = Create(
        "LIVESTATE002",
        "Live-state property without a getter and a setter",
        "[{0}] property '{1}' must have a getter and a setter",
        "The kit reads and writes the property, so it needs both accessors (they may be private); an indexer cannot be bound. The component throws when it is first bound.");

    /// <summary>The kit binds instance properties only: a static one is ignored.</summary>
    public static readonly DiagnosticDescriptor StaticProperty = Create(
        "LIVESTATE003",
        "Static live-state property",
        "[{0}] on static property '{1}' does nothing: only instance properties are bound",
        "The kit binds the instance properties of a component; a static property would be shared by every user, and is ignored.");

    /// <summary>No converter reads or writes the [UrlState] property's type; it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor UnsupportedUrlType = Create(
        "LIVESTATE004",
        "[UrlState] property of a type no converter handles",
        "[UrlState] cannot read or write '{0}' (property '{1}'): name a converter with [UrlState(Converter = typeof(...))] or register one with o.UrlState.AddConverter(...)",
        "The kit converts strings, bool, numbers, Guid, dates and times, enums, IParsable<T> types, their nullable forms, and arrays and lists of them. Any other type needs a converter named on the attribute or registered in AddLiveState in this project.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The converter named on [UrlState] cannot be used for the property; it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor UnusableConverter = Create(
        "LIVESTATE005",
        "[UrlState] converter that does not fit the property",
        "The converter '{0}' named on '{1}' {2}",
        "A converter named with [UrlState(Converter = typeof(...))] must implement IUrlValueConverter<T> for the property's type (or, for an array or list, its item type) and have a public parameterless constructor.");

    /// <summary>Two [UrlState] properties of one component use the same query key; it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor DuplicateQueryKey = Create(
        "LIVESTATE006",
        "Two [UrlState] properties with one query key",
        "'{0}' has two [UrlState] properties with the query key '{1}': '{2}' and '{3}'",
        "Each [UrlState] property of a component needs its own query key (compared ignoring case); the key is the attribute's Name, else the property name in camelCase.");

    /// <summary>Two [TabState] properties of one component are saved under the same name; it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor DuplicateTabStateName = Create(
        "LIVESTATE007",
        "Two [TabState] properties with one name",
        "'{0}' has two [TabState] properties saved under the name '{1}': '{2}' and '{3}'",
        "Each [TabState] property of a component is saved under its own name: the attribute's Name, else the property name.");

    /// <summary>The kit reads a [FormRecoveryModel] property to reach the model; without a getter it throws at the first render.</summary>
    public static readonly DiagnosticDescriptor FormModelWithoutGetter = Create(
        "LIVESTATE008",
        "[FormRecoveryModel] property without a getter",
        "[FormRecoveryModel] property '{0}' must have a getter",
        "The kit reads the property to reach the model whose properties it sets, so it needs a getter (it may be private); an indexer cannot be read. The component throws when it is first bound.");

    /// <summary>A [FormRecoveryModel] member the kit never fills: a static one is ignored, a value type's copy is filled and dropped.</summary>
    public static readonly DiagnosticDescriptor UnfillableFormModel = Create(
        "LIVESTATE009",
        "[FormRecoveryModel] member that holds no model the kit can fill",
        "[FormRecoveryModel] on '{0}' does nothing: {1}",
        "The kit sets the stored values on the object an instance field or property of the component holds. A static member is not read, and a struct is read as a copy, so the values set on it are lost: make the model a class.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, params string[] tags) =>
        new(id, title, message, Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true, description,
            helpLinkUri: $"{HelpPage}#{id.ToLowerInvariant()}", customTags: tags);
}
