using System.Reflection.PortableExecutable;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// Says whether an assembly an app will load carries ReadyToRun code, from its PE headers, so that the report states
/// what was run rather than what the script that published it meant to publish.
/// </summary>
internal static class CompiledCode
{
    /// <summary>
    /// "ReadyToRun" or "IL" for an assembly in <paramref name="app"/>'s folder: <paramref name="assemblyFileName"/>,
    /// or the app's own entry assembly when null.
    /// </summary>
    public static string Of(AppBuild app, string? assemblyFileName = null) =>
        Of(Path.Combine(app.Directory, assemblyFileName ?? app.AssemblyFileName));

    /// <summary>"ReadyToRun" or "IL" for the file; "missing" when there is none.</summary>
    public static string Of(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            return "missing";
        }

        using var stream = File.OpenRead(assemblyPath);
        using var reader = new PEReader(stream);
        // A ReadyToRun image points its CLI header at a native header; an IL-only assembly has none.
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "ReadyToRun" : "IL";
    }
}
