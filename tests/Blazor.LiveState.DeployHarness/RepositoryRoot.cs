namespace Blazor.LiveState.DeployHarness;

/// <summary>The checkout's root folder, found by walking up to the solution file.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Blazor.LiveState.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Blazor.LiveState.sln not found above {AppContext.BaseDirectory}.");
    }
}
