using System.Reflection;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Whether the app declares any <see cref="TabStateAttribute"/> property: only then is it worth asking the
/// browser which tab this is before a circuit renders. Found once, from the entry assembly and the
/// assemblies it references that use the kit (Razor class libraries with pages, say).
/// </summary>
internal sealed class TabStateUsage
{
    private static readonly string KitAssemblyName = typeof(TabStateAttribute).Assembly.GetName().Name!;

    private readonly Lazy<bool> _declared;

    public TabStateUsage()
        : this(() => Assembly.GetEntryAssembly() is { } entry ? AppAssemblies(entry) : [])
    {
    }

    internal TabStateUsage(Func<IEnumerable<Assembly>> assemblies) =>
        _declared = new Lazy<bool>(() => assemblies().Any(DeclaresTabState));

    /// <summary>Whether some component of the app keeps state with <see cref="TabStateAttribute"/>.</summary>
    public bool IsDeclared => _declared.Value;

    internal static bool DeclaresTabState(Assembly assembly) =>
        LoadableTypes(assembly).Any(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Any(property => property.IsDefined(typeof(TabStateAttribute), inherit: false)));

    private static IEnumerable<Assembly> AppAssemblies(Assembly entry)
    {
        yield return entry;
        foreach (var name in entry.GetReferencedAssemblies())
        {
            var referenced = TryLoad(name);
            if (referenced is not null && referenced.GetReferencedAssemblies().Any(r => r.Name == KitAssemblyName))
            {
                yield return referenced;
            }
        }
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

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
