using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Bunit;

namespace Blazor.LiveState.Tests;

/// <summary>
/// bUnit's waits (<c>WaitForAssertion</c>, <c>WaitForState</c>) give up after 1 s by default. On a 2-core CI machine
/// running the test classes in parallel, the renderer's dispatcher was seen not to run a wait's first check within
/// that second at all ("Check count: 0"). A wait ends as soon as its condition holds, so a longer limit costs a
/// passing test nothing; it only keeps a loaded machine from failing one.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: set once, before any test runs.")]
    internal static void AllowForALoadedMachine() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
