namespace Blazor.LiveState.Draining;

/// <summary>
/// How an instance drains before it stops, set with <c>AddLiveState(o =&gt; o.Drain…)</c>. Draining starts on
/// SIGTERM (any host shutdown) or on <c>POST /_livestate/drain</c>: the instance reports not-ready, refuses
/// new circuits, tells every page to save and to move to another instance at a random moment within
/// <see cref="Window"/>, and lets the host stop once the pages are gone or the window is over.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddLiveState(o =>
/// {
///     o.Drain.Window = TimeSpan.FromSeconds(10);
///     o.Drain.EndpointKey = builder.Configuration["LiveState:DrainKey"];
/// });
/// </code>
/// </example>
public sealed class DrainOptions
{
    /// <summary>Whether the host's shutdown (SIGTERM, Ctrl+C, <c>StopApplication</c>) drains first. Default: <see langword="true"/>.</summary>
    public bool OnShutdown { get; set; } = true;

    /// <summary>
    /// The time over which pages move to other instances, each at a random moment, so the instances that
    /// take them over are not hit all at once; also the longest the drain waits for them. Pages that have
    /// nowhere to go (a single server restarting) say so at once and do not hold the drain up. Keep it well
    /// under the host's shutdown timeout (30 s by default). Default: 5 s.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The secret that <c>POST /_livestate/drain</c> must carry in its <c>X-LiveState-Drain-Key</c> header,
    /// for an orchestrator's pre-stop hook. Default: <see langword="null"/>: the endpoint is not mapped.
    /// </summary>
    public string? EndpointKey { get; set; }
}
