using System.Diagnostics;
using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace LiveState.Bench;

/// <summary>
/// Typing through a restart: with the caret at the end of the probe form's name field, one key every
/// <see cref="KeyInterval"/> (a..z cycling) from before the deploy (a kill -9, or a SIGTERM the page moves in place
/// through) until <see cref="KeysAfterInteractive"/> keys after the page is interactive on the new process; then Tab,
/// and what the field holds once it has settled, against what was typed. Every key that reached any document's
/// script is recorded (<see cref="KeydownLog"/>), so a lost key the browser delivered to a page is told from one it
/// never delivered.
/// </summary>
internal sealed class KeysThroughRestart(Chromium chromium)
{
    public static readonly TimeSpan KeyInterval = TimeSpan.FromMilliseconds(30);

    public const int KeysAfterInteractive = 20;

    // Keys typed before the deploy, so the first document is typed into as it goes away.
    private const int KeysBeforeDeploy = 10;

    private const string Field = "form-name";

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    // The field has settled when its value, the form's pending mark and the server model's echo have not changed for this long.
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    public async Task<KeysRun> RunAsync(AppBuild build, DeployKind kind, AppBuild nextBuild)
    {
        await using var server = new AppServer(build);
        await server.StartAsync();
        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.BaseUri, ProbePage.Path).ToString());
            await PageWaits.InteractiveAsync(page, RecoveryTimeout, selector: ProbePage.InteractiveSelector);
            await ProbePage.ChangeEverythingAsync(page);
            var prefix = ProbePage.Expected["name"];
            var oldInstance = await PageWaits.InstanceAsync(page);
            await page.GetByTestId(Field).ClickAsync();
            await page.Keyboard.PressAsync("End");
            await KeydownLog.StartAsync(page);

            var typist = new Typist(page);
            var typing = typist.TypeAsync();
            DateTimeOffset signalledAt; // kill -9 or SIGTERM
            try
            {
                await typist.WaitForKeysAsync(KeysBeforeDeploy);
                signalledAt = StateTimeline.ToWallClock(Stopwatch.GetTimestamp());
                await server.DeployAsync(kind, nextBuild);
                await PageWaits.InteractiveAsync(page, RecoveryTimeout, oldInstance, ProbePage.InteractiveSelector);
                typist.StopAfter(typist.Count + KeysAfterInteractive);
            }
            catch
            {
                // A run that failed stops typing too, rather than pressing keys into a closed page for ever.
                typist.StopAfter(0);
                await typing;
                throw;
            }

            await typing;
            await page.Keyboard.PressAsync("Tab");

            var (field, echo) = await SettleAsync(page);
            var seen = await KeydownLog.ReadAsync(page);
            var document = await page.EvaluateAsync<double[]>("() => [performance.timeOrigin, performance.timeOrigin + performance.getEntriesByType('navigation')[0].responseStart]");
            var documentStart = StateTimeline.FromPageClock(document[0]);
            return KeysRun.From(
                build.Name,
                typist.Keys,
                prefix,
                field,
                echo,
                seen,
                signalledAt,
                // A page that moved in place still shows the document it had before the deploy: no reload.
                documentStart > signalledAt ? new ReloadedDocument(documentStart, StateTimeline.FromPageClock(document[1])) : null);
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>Reads the field until its value, the form's pending mark and the model's echo stay the same for <see cref="Settled"/>.</summary>
    private static async Task<(string Field, string? Echo)> SettleAsync(IPage page)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleTimeout.TotalSeconds * Stopwatch.Frequency);
        string? last = null;
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = await page.EvaluateAsync<string[]>(
                """
                id => {
                  const field = document.querySelector(`[data-testid="${id}"]`);
                  return [field?.value ?? '', String(!!field?.closest('form[aria-busy="true"]')), document.querySelector('[data-testid="echo-name"]')?.textContent ?? ''];
                }
                """,
                Field);
            var snapshot = string.Join('\u0001', now);
            if (snapshot != last)
            {
                last = snapshot;
                since = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(since) >= Settled && now[1] == "false")
            {
                return (now[0], now[2]);
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The name field did not settle within {SettleTimeout}: value '{now[0]}', pending {now[1]}, model '{now[2]}'.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Presses a..z cycling, one key every <see cref="KeyInterval"/> from its start, until told how many.</summary>
    private sealed class Typist(IPage page)
    {
        private readonly List<TypedKey> _keys = [];
        private int _stopAfter = int.MaxValue;

        public IReadOnlyList<TypedKey> Keys
        {
            get
            {
                lock (_keys)
                {
                    return [.. _keys];
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_keys)
                {
                    return _keys.Count;
                }
            }
        }

        public void StopAfter(int keys) => Volatile.Write(ref _stopAfter, keys);

        public Task WaitForKeysAsync(int keys) => PageWaits.UntilAsync(() => Count >= keys, TimeSpan.FromSeconds(30));

        public async Task TypeAsync()
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < Volatile.Read(ref _stopAfter); i++)
            {
                // On the schedule, as a user's fingers are: a press that took long is followed at once by the next.
                var due = TimeSpan.FromTicks(KeyInterval.Ticks * i) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                var key = (char)('a' + (i % 26));
                var sentAt = StateTimeline.ToWallClock(Stopwatch.GetTimestamp());
                string? error = null;
                try
                {
                    await page.Keyboard.PressAsync(key.ToString());
                }
                catch (PlaywrightException e)
                {
                    error = e.Message.ReplaceLineEndings(" ");
                }

                lock (_keys)
                {
                    _keys.Add(new TypedKey(key, sentAt, error));
                }
            }
        }
    }
}

/// <summary>The page's document after the restart.</summary>
/// <param name="NavigationStart">When the browser started loading it (the reload); earlier documents started before.</param>
/// <param name="FirstByte">When its response began to arrive, about when the browser committed the navigation to it.</param>
internal sealed record ReloadedDocument(DateTimeOffset NavigationStart, DateTimeOffset FirstByte);
