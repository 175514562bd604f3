namespace Blazor.LiveState.TabState;

/// <summary>Where sealed tab state is kept between circuits: the tab's sessionStorage, or a distributed cache.</summary>
internal interface ITabStateStore
{
    /// <summary>The sealed state of one entry of the tab, or null when none was saved.</summary>
    ValueTask<byte[]?> LoadAsync(TabIdentity tab, string entryKey, CancellationToken cancellationToken);

    /// <summary>Saves sealed entries of the tab, replacing what each held.</summary>
    ValueTask SaveAsync(TabIdentity tab, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken);

    /// <summary>A short name for logs and metrics.</summary>
    string Name { get; }
}
