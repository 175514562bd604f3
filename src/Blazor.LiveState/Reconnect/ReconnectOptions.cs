namespace Blazor.LiveState;

/// <summary>
/// How the browser reconnects after the connection to the server is lost, set with
/// <c>AddLiveState(o =&gt; o.Reconnect…)</c>. The browser polls a cheap readiness endpoint on an
/// exponential backoff with jitter and reconnects as soon as the server answers; after a restart or
/// deploy it saves what the kit holds and reloads into the restored page.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddLiveState(o =>
/// {
///     o.Reconnect.MaxDelay = TimeSpan.FromSeconds(30);
///     o.Reconnect.GiveUpAfter = TimeSpan.FromMinutes(30);
/// });
/// </code>
/// </example>
public sealed class ReconnectOptions
{
    /// <summary>
    /// The backoff's first step; the first probe comes after a random wait below it. Small, so that the first second
    /// of an outage is probed about ten times (as Phoenix LiveView's 10, 50, 100, 150, 200, 250, 500 ms steps do): a
    /// blip is over before the user notices, and a starting instance is protected by its readiness budget
    /// (<see cref="ReadyPagesPerSecond"/>), not by pages probing slowly. Default: 20 ms.
    /// </summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How much each step grows over the last one. Default: 1.5.</summary>
    public double Growth { get; set; } = 1.5;

    /// <summary>
    /// How long an outage counts as young: a restart takes seconds and the user is waiting, so the
    /// waits stay at most <see cref="YoungOutageMaxDelay"/>. After it, the longest wait doubles every
    /// 5 s up to <see cref="MaxDelay"/>. Default: 8 s.
    /// </summary>
    public TimeSpan YoungOutage { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest wait between probes while the outage is young. Default: 500 ms.</summary>
    public TimeSpan YoungOutageMaxDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait between probes while the outage is young and the last probe got no answer at all (the
    /// connection was refused: the server's process is gone and no proxy stands in front of it). Such a probe costs
    /// no server or proxy a request, so the page may look more often and notice a crashed server that has
    /// restarted sooner. When a proxy answers for the missing server, <see cref="YoungOutageMaxDelay"/> applies.
    /// The wait is never longer than <see cref="YoungOutageMaxDelay"/> nor shorter than <see cref="MinDelay"/>.
    /// At least 10 ms. Default: 150 ms.
    /// </summary>
    public TimeSpan UnansweredMaxDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The longest wait between probes late in an outage. Default: 15 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The shortest wait between probes, whatever the jitter draws. Default: 10 ms.</summary>
    public TimeSpan MinDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How much of each wait is random, from 0 (none) to 1 (full jitter: anywhere below the backoff),
    /// so that the tabs dropped by one restart do not all come back at once. Default: 1.
    /// </summary>
    public double Jitter { get; set; } = 1;

    /// <summary>When to stop trying and show the "failed" state; <see langword="null"/> never gives up. Default: <see langword="null"/>.</summary>
    public TimeSpan? GiveUpAfter { get; set; }

    /// <summary>How long one readiness probe may take before it counts as "not yet". Default: 2 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether to try <c>Blazor.resumeCircuit()</c> when another process answers than the one the circuit
    /// lived in (a restart or a deploy). Resuming needs the circuit's state persisted where the new process can
    /// read it, which .NET does only after a pause or an eviction, never on shutdown; so by default the page
    /// reloads into the restored page at once. Set it when your app persists circuits to a store every
    /// instance shares. On the same process, resume is always tried after a failed reconnect. Default: <see langword="false"/>.
    /// </summary>
    public bool ResumeOnNewInstance { get; set; }

    /// <summary>What to do when the server is back but no longer knows the circuit. Default: <see cref="ReloadPolicy.WhenServerIsReady"/>.</summary>
    public ReloadPolicy Reload { get; set; } = ReloadPolicy.WhenServerIsReady;

    /// <summary>
    /// The reload-loop guard: after this many automatic reloads within <see cref="ReloadWindow"/> the
    /// page stops reloading and offers a manual button. Default: 3.
    /// </summary>
    public int MaxReloads { get; set; } = 3;

    /// <summary>The window of the reload-loop guard. Default: 2 minutes.</summary>
    public TimeSpan ReloadWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The readiness budget: how many waiting pages a second this instance tells "ready" (each then renders its
    /// page, about twice: the check of its own address and the reload). The others are answered "busy" with a
    /// turn to come back at, spread so that they return at this rate; they keep waiting without spending
    /// reload attempts. Orchestrators' probes (without the <c>attempt</c> parameter) are never held back.
    /// Default: 100 (see docs/reconnect.md for how it was chosen).
    /// </summary>
    public int ReadyPagesPerSecond { get; set; } = 100;
}
