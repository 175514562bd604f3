namespace Blazor.LiveState.Draining;

/// <summary>
/// One thing an instance needs before a page may load from it: its Data Protection keys, the tab-state
/// store, the app's own readiness health checks.
/// </summary>
internal interface IReadinessCheck
{
    /// <summary>A short name for the readiness answer and the logs.</summary>
    string Name { get; }

    /// <summary>Completes when the check passed; throws (or is cancelled) when it did not.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
