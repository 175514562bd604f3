using Blazor.LiveState.TabState;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.TabState;

public sealed class DistributedCacheTabStateStoreTests
{
    private const string TabId = "Zm9vYmFyYmF6cXV4MTIzNA";

    private readonly InMemoryTabStateCache _cache = new();
    private readonly DistributedCacheTabStateStore _store;

    public DistributedCacheTabStateStoreTests()
    {
        var options = new LiveStateOptions();
        options.TabState.TimeToLive = TimeSpan.FromMinutes(90);
        _store = new DistributedCacheTabStateStore(_cache, Options.Create(options));
    }

    [Fact]
    public void Cache_key_differs_per_tab_user_and_entry()
    {
        string[] keys =
        [
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, "alice"), "Counter"),
            DistributedCacheTabStateStore.CacheKey(Tab("Zm9vYmFyYmF6cXV4MTIzNQ", "alice"), "Counter"),
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, "bob"), "Counter"),
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, ""), "Counter"),
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, "alice"), "Game"),
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, "aliceCounter"), ""),
        ];

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Cache_key_is_the_same_for_the_same_tab_user_and_entry() =>
        Assert.Equal(
            DistributedCacheTabStateStore.CacheKey(Tab(TabId, "alice"), "Counter"),
            DistributedCacheTabStateStore.CacheKey(new TabIdentity(TabId, "alice"), "Counter"));

    [Fact]
    public void Cache_key_reveals_neither_the_tab_nor_the_user()
    {
        var key = DistributedCacheTabStateStore.CacheKey(Tab(TabId, "alice@example.com"), "Counter");

        Assert.Matches("^livestate:tab:[0-9a-f]{64}$", key);
        Assert.DoesNotContain(TabId, key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alice", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Counter", key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Saved_entries_load_back_for_the_same_tab_and_user_only()
    {
        var store = new DistributedCacheTabStateStore(
            new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), Options.Create(new LiveStateOptions()));
        var tab = Tab(TabId, "alice");
        await store.SaveAsync(tab, new Dictionary<string, byte[]> { ["Counter"] = [1, 2, 3], ["Game"] = [9] }, CancellationToken.None);

        Assert.Equal([1, 2, 3], await store.LoadAsync(tab, "Counter", CancellationToken.None));
        Assert.Equal([9], await store.LoadAsync(tab, "Game", CancellationToken.None));
        Assert.Null(await store.LoadAsync(tab, "Other", CancellationToken.None));
        Assert.Null(await store.LoadAsync(Tab(TabId, "bob"), "Counter", CancellationToken.None));
        Assert.Null(await store.LoadAsync(Tab("Zm9vYmFyYmF6cXV4MTIzNQ", "alice"), "Counter", CancellationToken.None));
    }

    [Fact]
    public async Task Saving_again_replaces_the_entry()
    {
        var tab = Tab(TabId, "");
        await _store.SaveAsync(tab, new Dictionary<string, byte[]> { ["Counter"] = [1] }, CancellationToken.None);
        await _store.SaveAsync(tab, new Dictionary<string, byte[]> { ["Counter"] = [2] }, CancellationToken.None);

        Assert.Equal([2], await _store.LoadAsync(tab, "Counter", CancellationToken.None));
    }

    [Fact]
    public async Task Entries_expire_after_the_time_to_live()
    {
        await _store.SaveAsync(Tab(TabId, "alice"), new Dictionary<string, byte[]> { ["Counter"] = [1] }, CancellationToken.None);

        var (key, expiry) = Assert.Single(_cache.Writes);
        Assert.Equal(DistributedCacheTabStateStore.CacheKey(Tab(TabId, "alice"), "Counter"), key);
        Assert.Equal(TimeSpan.FromMinutes(90), expiry.AbsoluteExpirationRelativeToNow);
    }

    [Fact]
    public void Store_says_its_name() => Assert.Equal("distributed-cache", _store.Name);

    private static TabIdentity Tab(string id, string user) => new(id, user);
}
