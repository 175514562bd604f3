namespace LiveState.Demo;

/// <summary>
/// Identifies the running process, so that a page (and a test) can tell which server rendered it.
/// </summary>
public sealed class ServerInstance
{
    /// <summary>A new identifier for every process.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>When this process started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The first characters of <see cref="Id"/>, for display.</summary>
    public string ShortId => Id[..7];
}
