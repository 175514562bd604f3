using System.Text.Json;

namespace Blazor.LiveState;

/// <summary>
/// How <see cref="TabStateAttribute"/> values are saved and restored, set with
/// <c>AddLiveState(o =&gt; o.TabState…)</c>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "localhost:6379");
/// builder.Services.AddLiveState(o => o.TabState.Storage = TabStateStorage.DistributedCache);
/// </code>
/// </example>
public sealed class TabStateOptions
{
    /// <summary>Where the state is kept. Default: <see cref="TabStateStorage.Browser"/>.</summary>
    public TabStateStorage Storage { get; set; } = TabStateStorage.Browser;

    /// <summary>
    /// The largest saved state of one component, in bytes after serialization; a larger one is not saved
    /// and a warning is logged (the previous save stays). Default: 64 KiB.
    /// </summary>
    public int MaxStateBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long saved state stays restorable after its last save. Default: 12 hours (a tab left open over
    /// a working day).
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a new circuit waits for the saved state: for the browser's answer, after which the component starts
    /// from its defaults; for the cache's, after which the page waits for an instance that answers ready and reloads
    /// (the defaults would show a wrong value and be saved over the stored state). Default: 3 s.
    /// </summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The System.Text.Json options of the default serializer. Default: <see cref="JsonSerializerDefaults.Web"/>.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>A serializer to use instead of System.Text.Json. Default: <see langword="null"/> (System.Text.Json).</summary>
    public ITabStateSerializer? Serializer { get; set; }
}
