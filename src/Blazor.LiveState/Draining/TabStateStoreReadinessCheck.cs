using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Reads one key from the distributed cache that holds tab state: fails while the store (Redis) is down,
/// when a page loaded from this instance would come up without its tab state. Passes at once when tab
/// state is kept in the browser.
/// </summary>
internal sealed class TabStateStoreReadinessCheck(IServiceProvider services, IOptions<LiveStateOptions> options) : IReadinessCheck
{
    // Never written: a read of a missing key is the cheapest round trip the cache offers.
    private const string Key = "livestate:ready";

    public string Name => "store";

    public Task RunAsync(CancellationToken cancellationToken) =>
        options.Value.TabState.Storage == TabStateStorage.DistributedCache
            ? services.GetRequiredService<IDistributedCache>().GetAsync(Key, cancellationToken)
            : Task.CompletedTask;
}
