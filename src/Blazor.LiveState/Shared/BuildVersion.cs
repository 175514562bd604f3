using System.Reflection;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Works out which build of the app is running, so that a browser can tell a restart of the same
/// build from a deploy of a new one.
/// </summary>
internal static class BuildVersion
{
    /// <summary>
    /// The informational version of <paramref name="assembly"/> (which carries the commit when
    /// SourceLink is on), or its assembly version, or <c>"unknown"</c>.
    /// </summary>
    public static string Of(Assembly? assembly)
    {
        if (assembly is null)
        {
            return "unknown";
        }

        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrWhiteSpace(informational))
        {
            return informational;
        }

        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
