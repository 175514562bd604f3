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
    /// <summary>
    /// How long a page may take to become interactive, also after a deploy or a restart: generous for CI's 2 cores
    /// shared with the app processes, and only an upper bound, since every wait is for a condition.
    /// </summary>
    protected static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    protected BrowserFixture Browser { get; } = browser;

    /// <summary>Opens <paramref name="path"/> of the app in a new page (its own browser context) and waits until it is interactive.</summary>
    protected Task<IPage> OpenAsync(AppServer server, string path) => OpenAsync(new Uri(server.BaseUri, path));

    /// <summary>Opens <paramref name="url"/> in a new page (its own browser context) and waits until it is interactive.</summary>
    protected async Task<IPage> OpenAsync(Uri url)
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        return page;
    }

    /// <summary>
    /// Opens <paramref name="path"/> of the app like <see cref="OpenAsync(AppServer, string)"/>, counting the page's
    /// documents from the first one on (a reload is a second document).
    /// </summary>
    private protected async Task<(IPage Page, DocumentWatch Documents)> OpenCountingDocumentsAsync(AppServer server, string path)
    {
        var page = await Browser.NewPageAsync();
        var documents = DocumentWatch.Attach(page);
        await page.GotoAsync(new Uri(server.BaseUri, path).ToString());
        await PageWaits.InteractiveAsync(page, Recovery);
        return (page, documents);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Browser.CloseContextsAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
