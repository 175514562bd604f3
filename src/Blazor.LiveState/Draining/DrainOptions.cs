namespace Blazor.LiveState;

/// <summary>
/// How an instance drains before it stops, set with <c>AddLiveState(o =&gt; o.Drain…)</c>. Draining starts on
/// SIGTERM (any host shutdown) or on <c>POST /_livestate/drain</c>: the instance reports not-ready, refuses
/// new circuits, tells every page to save and to move to another instance at a random moment within
/// <see cref="Window"/> (in place, see <see cref="ResumeInPlace"/>), and lets the host stop once the pages
/// are gone or the window is over.
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

    /// <summary>
    /// Whether a draining instance's pages move without a reload: each page pauses its circuit (Blazor hands
    /// the circuit's state to the page) and resumes it on the next ready instance in the same document,
    /// keeping the scroll position and the focused field. It needs the Data Protection keys shared by every
    /// instance and build. Where a resume cannot work (keys not shared, a build whose components changed,
    /// another user signed in meanwhile) the page falls back to a reload that restores the kit's state.
    /// Set it to <see langword="false"/> to always move by reload. Default: <see langword="true"/>.
    /// </summary>
    public bool ResumeInPlace { get; set; } = true;
}
