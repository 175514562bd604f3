using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.TabState;

/// <summary>
/// An in-memory <see cref="IDistributedCache"/> for the tab-state store: it records each write with its options, and
/// its reads throw while <see cref="ReadsFail"/> is set, as a hung Redis's time out.
/// </summary>
internal sealed class InMemoryTabStateCache : IDistributedCache
{
    private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

    public List<(string Key, DistributedCacheEntryOptions Options)> Writes { get; } = [];

    public bool ReadsFail { get; set; }

    public byte[]? Get(string key) => ReadsFail ? throw Unanswered() : _inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        ReadsFail ? Task.FromException<byte[]?>(Unanswered()) : _inner.GetAsync(key, token);

    public void Refresh(string key) => _inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

    public void Remove(string key) => _inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        Writes.Add((key, options));
        _inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Writes.Add((key, options));
        return _inner.SetAsync(key, value, options, token);
    }

    private static TimeoutException Unanswered() => new("the cache did not answer");
}
