using System.Diagnostics;
using System.Globalization;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// The probe page in a browser context of its own, watched through deploys: what it showed when (its
/// <see cref="StateTimeline"/>), the documents it loaded again, and where the user left scroll and focus.
/// </summary>
internal sealed class WatchedProbePage : IAsyncDisposable
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    // After the page is interactive, restoring state may take a moment longer; past this nothing more comes back.
    private static readonly TimeSpan RestoreGrace = TimeSpan.FromSeconds(5);

    private readonly IBrowserContext _context;
    private long _firstReloadAt;
    private int _reloads;
    private volatile bool _counting;

    private WatchedProbePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) =>
        {
            if (_counting && request.IsNavigationRequest && request.Frame == page.MainFrame)
            {
                Interlocked.CompareExchange(ref _firstReloadAt, Stopwatch.GetTimestamp(), 0);
                Interlocked.Increment(ref _reloads);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Documents the page loaded since <see cref="LeaveStateAsync"/> (0: every recovery was in place).</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>When the page first asked for its document again, if it did.</summary>
    public DateTimeOffset? FirstReloadAt => Interlocked.Read(ref _firstReloadAt) is var at and not 0 ? StateTimeline.ToWallClock(at) : null;

    /// <summary>Opens a page in a browser context of its own, with the page's state recorder attached.</summary>
    /// <param name="chromium">The browser.</param>
    /// <param name="trace">Also record the page's start for <see cref="PageStartTrace"/>.</param>
    public static async Task<WatchedProbePage> OpenAsync(Chromium chromium, bool trace = false)
    {
        var context = await chromium.NewContextAsync();
        try
        {
            await StateTimeline.AttachAsync(context);
            if (trace)
            {
                await PageStartTrace.AttachAsync(context);
            }

            return new WatchedProbePage(context, await context.NewPageAsync());
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Loads the page once and leaves it: the browser is then warm for this origin (HTTP cache, connections), as
    /// for a user who has used the app before.
    /// </summary>
    public async Task WarmAsync(Uri probe)
    {
        await Page.GotoAsync(probe.ToString());
        await PageWaits.InteractiveAsync(Page, RecoveryTimeout, selector: ProbePage.InteractiveSelector);
        await Page.GotoAsync("about:blank");
    }

    /// <summary>
    /// The page's first load on a freshly started server in a browser already warm for this origin: loads it once,
    /// restarts <paramref name="server"/>, then measures <see cref="LoadAsync"/> (the baseline a recovery is
    /// compared with).
    /// </summary>
    public async Task<TimeSpan> FirstLoadOnNewServerAsync(AppServer server, Uri probe)
    {
        await WarmAsync(probe);
        await server.StopAsync();
        await server.StartAsync();
        return await LoadAsync(probe);
    }

    /// <summary>Loads the page and waits until it is interactive.</summary>
    /// <returns>From navigation start to the page's first interactive moment, as the page recorded it.</returns>
    public async Task<TimeSpan> LoadAsync(Uri probe)
    {
        var navigationStart = StateTimeline.ToWallClock(Stopwatch.GetTimestamp());
        await Page.GotoAsync(probe.ToString());
        await PageWaits.InteractiveAsync(Page, RecoveryTimeout, selector: ProbePage.InteractiveSelector);
        return FirstInteractive(await StateTimeline.ReadAsync(Page), [], navigationStart).At - navigationStart;
    }

    /// <summary>
    /// Changes every piece of state, leaves the window scrolled and the caret in a field, and from then on counts
    /// the page's document loads.
    /// </summary>
    public async Task<UserPosition> LeaveStateAsync()
    {
        await ProbePage.ChangeEverythingAsync(Page);
        var position = await UserPosition.PlaceAsync(Page);
        _counting = true;
        return position;
    }

    /// <summary>The server process that rendered the page.</summary>
    public Task<string?> InstanceAsync() => PageWaits.InstanceAsync(Page);

    /// <summary>
    /// Waits until the page is interactive on a process other than <paramref name="goneInstances"/>, then keeps reading
    /// until every piece of state is back or the grace period ends; and says what the page showed meanwhile.
    /// </summary>
    /// <param name="goneInstances">The processes the deploy took away.</param>
    /// <param name="deployStartedAt">From when a wrong value on screen counts.</param>
    /// <param name="left">Where the user left scroll and focus.</param>
    public async Task<Recovery> WaitForRecoveryAsync(IReadOnlyCollection<string?> goneInstances, DateTimeOffset deployStartedAt, UserPosition left)
    {
        var interactive = await PageWaits.UntilAsync(
            Page,
            """
            ([gone, selector]) => {
              const e = document.querySelector(selector);
              return !!e && e.dataset.interactive === 'true' && !gone.includes(e.dataset.instance);
            }
            """,
            RecoveryTimeout,
            new object[] { goneInstances, ProbePage.InteractiveSelector });
        var best = await ReadBestStateAsync(interactive);

        // The moments themselves, as the page recorded them: interactive on a new process, and the first time it
        // showed as much state as it would get back.
        var recorded = await StateTimeline.ReadAsync(Page);
        var interactiveAt = FirstInteractive(recorded, goneInstances, deployStartedAt).At;
        var restoredAt = recorded.First(e => e.At >= deployStartedAt && e.Interactive && !goneInstances.Contains(e.Instance) && e.State.SurvivorCount >= best.SurvivorCount).At;
        var (scrollKept, focusKept) = await left.KeptAsync(Page);
        return new Recovery(best, interactiveAt, restoredAt, WrongStateDuration(recorded, deployStartedAt, restoredAt), scrollKept, focusKept, recorded);
    }

    /// <summary>When the page showed what, in milliseconds after <paramref name="anchor"/>; and when its document arrived.</summary>
    public async Task PrintTraceAsync(Recovery recovery, DateTimeOffset anchor)
    {
        var document = await Page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [performance.timeOrigin, n.requestStart, n.responseStart, n.domInteractive]; }");
        var origin = StateTimeline.FromPageClock(document[0]) - anchor;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    document: requested {origin.TotalMilliseconds + document[1]:F0} ms, first byte {origin.TotalMilliseconds + document[2]:F0} ms, parsed {origin.TotalMilliseconds + document[3]:F0} ms"));
        foreach (var entry in recovery.Recorded)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(entry.At - anchor).TotalMilliseconds,6:F0} ms: {(entry.Interactive ? "interactive" : "static     ")} {entry.State.SurvivorCount,2} of {ProbePage.Expected.Count} back"));
        }
    }

    /// <summary>A kit run that did not get every piece back: what the page shows and what the servers logged, to say why.</summary>
    public async Task PrintLossAsync(ProbeState state, IEnumerable<string> serverOutput)
    {
        Console.WriteLine($"    state lost: {state}");
        Console.WriteLine($"    error UI shown: {await Page.Locator("#blazor-error-ui").IsVisibleAsync()}, kit state: {await Page.EvaluateAsync<string?>("() => window.BlazorLiveState?.state ?? null")}");
        foreach (var line in serverOutput.TakeLast(30))
        {
            Console.WriteLine($"    [server] {line}");
        }
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private async Task<ProbeState> ReadBestStateAsync(long interactiveAt)
    {
        var best = await ProbePage.ReadAsync(Page);
        var graceEnds = interactiveAt + (long)(RestoreGrace.TotalSeconds * Stopwatch.Frequency);
        while (best.SurvivorCount < ProbePage.Expected.Count && Stopwatch.GetTimestamp() < graceEnds)
        {
            await Task.Delay(20);
            ProbeState now;
            try
            {
                now = await ProbePage.ReadAsync(Page);
            }
            catch (PlaywrightException)
            {
                continue;
            }

            if (now.SurvivorCount > best.SurvivorCount)
            {
                best = now;
            }
        }

        return best;
    }

    /// <summary>
    /// How long, between the deploy and the restore, the page showed a value other than the one the user left (a
    /// default, an empty field), summed over the moments the page recorded. What a reload's new document painted
    /// before its first script ran is not seen: the recorder starts with the document's first script.
    /// </summary>
    private static TimeSpan WrongStateDuration(IReadOnlyList<TimedProbeState> recorded, DateTimeOffset from, DateTimeOffset until)
    {
        var wrong = TimeSpan.Zero;
        for (var i = 0; i < recorded.Count; i++)
        {
            var start = recorded[i].At < from ? from : recorded[i].At;
            var end = i + 1 < recorded.Count && recorded[i + 1].At < until ? recorded[i + 1].At : until;
            if (recorded[i].State.ShowsWrongValue && end > start)
            {
                wrong += end - start;
            }
        }

        return wrong;
    }

    private static TimedProbeState FirstInteractive(IReadOnlyList<TimedProbeState> recorded, IReadOnlyCollection<string?> goneInstances, DateTimeOffset from) =>
        recorded.FirstOrDefault(e => e.At >= from && e.Interactive && !goneInstances.Contains(e.Instance))
        ?? throw new InvalidOperationException("The page's timeline never showed it interactive.");
}

/// <summary>How the page came back from one deploy.</summary>
/// <param name="State">The most state the page showed.</param>
/// <param name="InteractiveAt">When it was first interactive on a new process.</param>
/// <param name="RestoredAt">When it first showed <paramref name="State"/>'s pieces, interactive.</param>
/// <param name="WrongState">How long it showed a value other than the one the user left.</param>
/// <param name="ScrollKept">Whether the window's scroll position was kept.</param>
/// <param name="FocusKept">Whether the focused field and its caret were kept.</param>
/// <param name="Recorded">The document's timeline.</param>
internal sealed record Recovery(
    ProbeState State,
    DateTimeOffset InteractiveAt,
    DateTimeOffset RestoredAt,
    TimeSpan WrongState,
    bool ScrollKept,
    bool FocusKept,
    IReadOnlyList<TimedProbeState> Recorded);
