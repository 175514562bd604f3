using Blazor.LiveState.Testing;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>A live render with the kit, strict JS interop, recorded logs, and a count of every navigation.</summary>
public abstract class UrlStateTestContext : BunitContext
{
    protected UrlStateTestContext(Action<LiveStateOptions>? configure = null)
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        this.AddLiveState(configure);
        Services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Navigation = Services.GetRequiredService<BunitNavigationManager>();
        Navigation.LocationChanged += (_, _) => Navigations++;
    }

    internal RecordingLoggerProvider Logs { get; } = new();

    protected BunitNavigationManager Navigation { get; }

    /// <summary>LocationChanged events so far: one per navigation, whether it pushes or replaces.</summary>
    protected int Navigations { get; private set; }

    // Only against a hang: the wait below ends on the navigation itself, not on a clock.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the page's URL is <paramref name="expected"/>, checking on every navigation.
    /// </summary>
    /// <remarks>
    /// Not <c>cut.WaitForAssertion</c>: bUnit runs each check on the renderer's dispatcher, and gives up after 1 s.
    /// Right after a click that wrote the URL the dispatcher is busy (the kit's leading-edge flush is queued there),
    /// so the check waits for the thread pool to run that first; on a loaded CI machine that took over a second
    /// (<c>Changing_back_to_the_default_removes_the_key</c> failed 1 of 18 runs) although the URL was right the
    /// moment the click returned. This reads the URL on the test's thread, and again at every navigation.
    /// </remarks>
    protected void WaitForUri(string expected)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, LocationChangedEventArgs e)
        {
            if (Navigation.Uri == expected)
            {
                reached.TrySetResult();
            }
        }

        Navigation.LocationChanged += Check;
        try
        {
            if (Navigation.Uri != expected && !reached.Task.Wait(HangGuard))
            {
                Assert.Fail($"The URL is {Navigation.Uri}, and no navigation made it {expected}.");
            }
        }
        finally
        {
            Navigation.LocationChanged -= Check;
        }
    }

    /// <summary>The warnings the kit logged about ignored query values.</summary>
    protected IReadOnlyList<string> MalformedValueWarnings =>
        [.. Logs.Messages.Where(m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("was ignored", StringComparison.Ordinal))];
}
