using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Keeps sealed entries in the app's <see cref="IDistributedCache"/> (Redis, SQL Server, …), under a key
/// derived from the tab, the user and the entry: the browser holds only its tab id, so it can neither
/// read nor replay its state, and another user's tab id finds nothing.
/// </summary>
internal sealed class DistributedCacheTabStateStore(IDistributedCache cache, IOptions<LiveStateOptions> options) : ITabStateStore
{
    public string Name => "distributed-cache";

    public async ValueTask<byte[]?> LoadAsync(TabIdentity tab, string entryKey, CancellationToken cancellationToken) =>
        await cache.GetAsync(CacheKey(tab, entryKey), cancellationToken);

    public async ValueTask SaveAsync(TabIdentity tab, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken)
    {
        var expiry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.TabState.TimeToLive };
        foreach (var (entryKey, sealedState) in entries)
        {
            await cache.SetAsync(CacheKey(tab, entryKey), sealedState, expiry, cancellationToken);
        }
    }

    /// <summary>A hash, so that neither the tab id nor the user's name is readable in the cache.</summary>
    internal static string CacheKey(TabIdentity tab, string entryKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tab.TabId}\n{tab.User}\n{entryKey}"));
        return "livestate:tab:" + Convert.ToHexStringLower(hash);
    }
}
