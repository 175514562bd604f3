using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>One Chromium for the whole run; every page gets its own context (storage, cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<IBrowserContext> _contexts = new();
    private Chromium? _chromium;

    public Chromium Chromium => _chromium ?? throw new InvalidOperationException("Not started.");

    public async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync();
        _contexts.Enqueue(context);
        // Generous for CI's 2 cores, but every wait is for a condition, so a pass is never slower than it needs to be.
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every context opened so far. A page left open keeps its reconnect loop probing servers that
    /// are long gone, which loads the machine for the tests that follow.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        while (_contexts.TryDequeue(out var context))
        {
            await context.CloseAsync();
        }
    }

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}

/// <summary>A test in the Chromium collection: the pages it opened are closed when it ends.</summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Browser.CloseContextsAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
