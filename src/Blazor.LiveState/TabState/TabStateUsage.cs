using System.Reflection;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Whether the app declares any <see cref="TabStateAttribute"/> property: only then is it worth asking the
/// browser which tab this is before a circuit renders. Found once, at the first circuit, from the loaded
/// assemblies that reference the kit (the app, and Razor class libraries whose pages the prerender loaded).
/// </summary>
internal sealed class TabStateUsage
{
    private static readonly string KitAssemblyName = typeof(TabStateAttribute).Assembly.GetName().Name!;

    private readonly Lazy<bool> _declared;

    public TabStateUsage()
        : this(() => AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetReferencedAssemblies().Any(r => r.Name == KitAssemblyName)))
    {
    }

    internal TabStateUsage(Func<IEnumerable<Assembly>> assemblies) =>
        _declared = new Lazy<bool>(() => assemblies().Any(DeclaresTabState));

    /// <summary>Whether some component of the app keeps state with <see cref="TabStateAttribute"/>.</summary>
    public bool IsDeclared => _declared.Value;

    internal static bool DeclaresTabState(Assembly assembly) =>
        LoadableTypes(assembly).Any(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Any(property => property.IsDefined(typeof(TabStateAttribute), inherit: false)));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // A type whose dependency is missing cannot hold a component anyway.
            return e.Types.OfType<Type>();
        }
    }
}
