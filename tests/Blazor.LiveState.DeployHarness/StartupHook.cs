using System.Diagnostics.CodeAnalysis;

/// <summary>
/// The entry point the .NET host calls in an app process started with <c>DOTNET_STARTUP_HOOKS</c> naming this
/// assembly: a type of this name in no namespace, with a static <c>Initialize</c>. Only
/// <see cref="Blazor.LiveState.DeployHarness.JitWatch"/> uses it.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The host looks for exactly 'StartupHook' in no namespace.")]
internal static class StartupHook
{
    public static void Initialize() => Blazor.LiveState.DeployHarness.JitWatch.Start();
}
