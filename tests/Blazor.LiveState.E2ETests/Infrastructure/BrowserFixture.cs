using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>One Chromium for the whole run; every test gets its own context (storage, cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    public Chromium Chromium => _chromium ?? throw new InvalidOperationException("Not started.");

    public async Task<IPage> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync();
        // Generous for CI's 2 cores, but every wait is for a condition, so a pass is never slower than it needs to be.
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
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

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
