namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// A published build of an app: the folder and the assembly <c>dotnet</c> runs. Two builds of the
/// same project with different version stamps are what a deploy swaps.
/// </summary>
/// <param name="Name">A short name, also the folder under <c>artifacts/apps</c>.</param>
/// <param name="Directory">The publish folder.</param>
/// <param name="AssemblyFileName">The entry assembly, for example <c>LiveState.Demo.dll</c>.</param>
public sealed record AppBuild(string Name, string Directory, string AssemblyFileName)
{
    /// <summary>The demo app as <c>./test.sh</c> publishes it.</summary>
    public static AppBuild Demo => Published("demo", "samples/LiveState.Demo/LiveState.Demo.csproj", "LiveState.Demo.dll");

    /// <summary>The demo app again with another version stamp: what "a new build is deployed" starts.</summary>
    public static AppBuild DemoNext => Published("demo-next", "samples/LiveState.Demo/LiveState.Demo.csproj", "LiveState.Demo.dll", "-p:DemoVersion=2.0.0-next");

    /// <summary>A small app with the kit and the template's per-page interactivity (no client-side router), for the benchmarks.</summary>
    public static AppBuild PerPage => Published("perpage", "bench/PerPageApp/PerPageApp.csproj", "PerPageApp.dll");

    /// <summary>The stock Blazor app without the kit, the baseline of the benchmarks.</summary>
    public static AppBuild Stock => Published("stock", "bench/StockApp/StockApp.csproj", "StockApp.dll");

    /// <summary>The stock app with the kit installed (<c>AddLiveState</c>, <c>MapLiveState</c>, its script) and used by no page.</summary>
    public static AppBuild StockWithKit => Published("stock-kit", "bench/StockApp/StockApp.csproj", "StockApp.dll", "-p:WithLiveState=true");

    private static readonly Lock PublishLock = new();

    /// <summary>
    /// The build in <c>artifacts/apps/{name}</c>, published now if that folder is missing (so a test
    /// run from an IDE works too; <c>./test.sh</c> always publishes fresh builds first).
    /// </summary>
    public static AppBuild Published(string name, string project, string assemblyFileName, params string[] extraArgs)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "apps", name);
        lock (PublishLock)
        {
            if (!File.Exists(Path.Combine(directory, assemblyFileName)))
            {
                Publish(Path.Combine(RepositoryRoot.Path, project), directory, extraArgs);
            }
        }

        return new AppBuild(name, directory, assemblyFileName);
    }

    private static void Publish(string project, string output, string[] extraArgs) =>
        ExternalCommand.Run("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q", .. extraArgs], timeout: Timeout.InfiniteTimeSpan);
}
