using System.Collections.Concurrent;
using System.Reflection;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Whether the app declares any <see cref="TabStateAttribute"/> property: only then is it worth asking the
/// browser which tab this is before a circuit renders. Found at the first circuit from the loaded assemblies
/// that reference the kit (the app, and Razor class libraries whose pages the prerender loaded), and checked
/// again at later circuits for assemblies loaded since (plugins), until one declares it.
/// </summary>
internal sealed class TabStateUsage : IDisposable
{
    private static readonly string KitAssemblyName = typeof(TabStateAttribute).Assembly.GetName().Name!;

    private readonly Func<IEnumerable<Assembly>> _loadedAtStart;
    private readonly bool _watchingLoads;

    // Assemblies loaded since the first scan, looked at by the next circuit rather than in the load event:
    // reading a type list while the runtime is loading an assembly can load further ones from that handler.
    private readonly ConcurrentQueue<Assembly> _loadedSince = new();
    private readonly Lock _scanning = new();
    private bool _scannedAtStart;
    private volatile bool _declared;

    public TabStateUsage()
        : this(() => AppDomain.CurrentDomain.GetAssemblies(), watchLoads: true)
    {
    }

    internal TabStateUsage(Func<IEnumerable<Assembly>> loadedAtStart, bool watchLoads = false)
    {
        _loadedAtStart = loadedAtStart;
        _watchingLoads = watchLoads;
        if (watchLoads)
        {
            AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
        }
    }

    /// <summary>Whether some component of the app keeps state with <see cref="TabStateAttribute"/>.</summary>
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
                    _declared = _loadedAtStart().Any(DeclaresTabState);
                }

                while (!_declared && _loadedSince.TryDequeue(out var assembly))
                {
                    _declared = DeclaresTabState(assembly);
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

    /// <summary>Whether <paramref name="assembly"/> references the kit and has a <see cref="TabStateAttribute"/> property.</summary>
    internal static bool DeclaresTabState(Assembly assembly) =>
        // Emitted at run time (proxies, serializers): no component is declared there.
        !assembly.IsDynamic
        && assembly.GetReferencedAssemblies().Any(r => r.Name == KitAssemblyName)
        && LoadableTypes(assembly).Any(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Any(property => property.IsDefined(typeof(TabStateAttribute), inherit: false)));

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
