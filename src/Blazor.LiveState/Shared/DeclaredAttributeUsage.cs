using System.Collections.Concurrent;
using System.Reflection;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Whether the app declares one of the kit's attributes on a component member: only then is it worth asking the
/// browser for what it holds before a circuit renders. Found at the first circuit from the loaded assemblies
/// that reference the kit (the app, and Razor class libraries whose pages the prerender loaded), and checked
/// again at later circuits for assemblies loaded since (plugins), until one declares it.
/// </summary>
internal abstract class DeclaredAttributeUsage : IDisposable
{
    private static readonly string KitAssemblyName = typeof(DeclaredAttributeUsage).Assembly.GetName().Name!;

    private readonly Func<IEnumerable<Assembly>> _loadedAtStart;
    private readonly bool _watchingLoads;

    // Assemblies loaded since the first scan, looked at by the next circuit rather than in the load event:
    // reading a type list while the runtime is loading an assembly can load further ones from that handler.
    private readonly ConcurrentQueue<Assembly> _loadedSince = new();
    private readonly Lock _scanning = new();
    private bool _scannedAtStart;
    private volatile bool _declared;

    protected DeclaredAttributeUsage(Func<IEnumerable<Assembly>> loadedAtStart, bool watchLoads)
    {
        _loadedAtStart = loadedAtStart;
        _watchingLoads = watchLoads;
        if (watchLoads)
        {
            AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
        }
    }

    /// <summary>Whether some component of the app declares the attribute.</summary>
    public bool IsDeclared
    {
        get
        {
            if (_declared)
            {
                return true;
            }

            lock (_scanning)
            {
                if (!_scannedAtStart)
                {
                    _scannedAtStart = true;
                    _declared = _loadedAtStart().Any(Declares);
                }

                while (!_declared && _loadedSince.TryDequeue(out var assembly))
                {
                    _declared = Declares(assembly);
                }

                if (_declared)
                {
                    StopWatching();
                    _loadedSince.Clear();
                }

                return _declared;
            }
        }
    }

    /// <summary>Whether <paramref name="assembly"/> references the kit and has a member with the attribute.</summary>
    private bool Declares(Assembly assembly) =>
        // Emitted at run time (proxies, serializers): no component is declared there.
        !assembly.IsDynamic
        && assembly.GetReferencedAssemblies().Any(r => r.Name == KitAssemblyName)
        && LoadableTypes(assembly).Any(DeclaresOn);

    /// <summary>Whether <paramref name="type"/> itself (not a base) declares the attribute on a member.</summary>
    protected abstract bool DeclaresOn(Type type);

    /// <summary>The instance members of <paramref name="type"/> declared on it, of the given kinds.</summary>
    protected static MemberInfo[] DeclaredMembers(Type type, MemberTypes kinds) =>
        type.FindMembers(kinds, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly, null, null);

    public void Dispose() => StopWatching();

    private void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs args)
    {
        if (!_declared && !args.LoadedAssembly.IsDynamic)
        {
            _loadedSince.Enqueue(args.LoadedAssembly);
        }
    }

    private void StopWatching()
    {
        if (_watchingLoads)
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
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
