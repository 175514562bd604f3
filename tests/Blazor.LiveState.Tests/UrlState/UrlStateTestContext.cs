using Blazor.LiveState.Testing;
using Bunit;
using Bunit.TestDoubles;
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

    /// <summary>The warnings the kit logged about ignored query values.</summary>
    protected IReadOnlyList<string> MalformedValueWarnings =>
        [.. Logs.Messages.Where(m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("was ignored", StringComparison.Ordinal))];
}
