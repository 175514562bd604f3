using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// The deploy-check page at <c>/probe</c>, the same markup in the demo and in the stock app: a tab, a
/// counter, a filtered and paged list and a checkout form. It changes every piece of state as a user
/// would and reads back what survived, both in the DOM and in the server's model (the page echoes it).
/// </summary>
public static class ProbePage
{
    public const string Path = "/probe";

    /// <summary>
    /// The page's own interactivity flag. The demo's layout carries one too, and is interactive a round
    /// trip before the page inside it has rendered.
    /// </summary>
    public const string InteractiveSelector = "[data-testid=\"probe\"][data-interactive]";

    /// <summary>What the user leaves on the page before the deploy; each entry is one piece of state.</summary>
    public static IReadOnlyDictionary<string, string> Expected { get; } = new Dictionary<string, string>
    {
        ["tab"] = "details",
        ["counter"] = "3",
        ["filter"] = "1",
        ["page"] = "2",
        ["name"] = "Ada Lovelace",
        ["quantity"] = "7",
        ["country"] = "SE",
        ["gift"] = "true",
        ["giftMessage"] = "Happy birthday, 50% off + more",
        ["notes"] = "Leave at the door,\nthanks",
        ["date"] = "2026-12-24",
    };

    /// <summary>A password the page must never restore nor write to browser storage.</summary>
    public const string Password = "hunter2-secret";

    /// <summary>Changes every piece of state through the UI, then waits until the server's model echoes it.</summary>
    public static async Task ChangeEverythingAsync(IPage page)
    {
        await page.GetByTestId("tab-details").ClickAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.GetByTestId("counter-increment").ClickAsync();
        }

        await page.GetByTestId("list-filter").FillAsync(Expected["filter"]);
        await Assertions.Expect(page.GetByTestId("list-filter-echo")).ToHaveTextAsync(Expected["filter"]);
        await page.GetByTestId("list-next").ClickAsync();

        await FillAndLeaveAsync(page, "form-name", Expected["name"]);
        await FillAndLeaveAsync(page, "form-quantity", Expected["quantity"]);
        await page.GetByTestId("form-country").SelectOptionAsync(Expected["country"]);
        await page.GetByTestId("form-gift").CheckAsync();
        await FillAndLeaveAsync(page, "form-gift-message", Expected["giftMessage"]);
        await FillAndLeaveAsync(page, "form-notes", Expected["notes"]);
        await FillAndLeaveAsync(page, "form-date", Expected["date"]);
        await FillAndLeaveAsync(page, "form-password", Password);

        // Each field's change event is its own round trip, answered in order; wait for all of them, not
        // for one field in the middle of the form (the fields after it may still be on their way).
        var state = await WaitForStateAsync(page, s => s.SurvivorCount == Expected.Count, TimeSpan.FromSeconds(10));
        var missing = Expected.Where(e => !state.Survived(e.Key)).Select(e => e.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The probe page did not take these changes: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>
    /// Reads the page until <paramref name="done"/> holds or <paramref name="timeout"/> passes (restoring
    /// takes a few round trips: a field that only appears after a restored choice comes last).
    /// </summary>
    /// <returns>The last state read.</returns>
    public static async Task<ProbeState> WaitForStateAsync(IPage page, Func<ProbeState, bool> done, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            ProbeState? state = null;
            try
            {
                state = await ReadAsync(page);
            }
            catch (PlaywrightException)
            {
                // The page is reloading into the new server; read the new document next time.
            }

            if (state is not null && (done(state) || System.Diagnostics.Stopwatch.GetTimestamp() > deadline))
            {
                return state;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Clicks the counter <paramref name="times"/> times, each time waiting until it shows one more.</summary>
    public static async Task ClickCounterAsync(IPage page, int times)
    {
        var counter = page.GetByTestId("counter-value");
        for (var i = 0; i < times; i++)
        {
            var before = int.Parse(await counter.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await page.GetByTestId("counter-increment").ClickAsync();
            await Assertions.Expect(counter).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Asks a server directly which process it is: the prerendered page carries its id.</summary>
    public static async Task<string> InstanceOfAsync(AppServer server)
    {
        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(server.BaseUri, Path));
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-instance=\"([0-9a-f]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page carries no data-instance.");
    }

    /// <summary>Reads every piece of state from the DOM and the echo of the server's model.</summary>
    public static async Task<ProbeState> ReadAsync(IPage page)
    {
        var raw = await page.EvaluateAsync<RawProbeState>(ReadScript);
        return new ProbeState(raw.Dom, raw.Echo);
    }

    /// <summary>
    /// Types <paramref name="value"/> into the input with <paramref name="testId"/> and leaves it, so the
    /// binding's <c>change</c> event fires.
    /// </summary>
    public static async Task FillAndLeaveAsync(IPage page, string testId, string value)
    {
        var input = page.GetByTestId(testId);
        await input.FillAsync(value);
        // Blazor's Input* components bind on "change", which the browser fires when focus leaves.
        await input.BlurAsync();
    }

    // One round trip reads everything, so the snapshot is consistent.
    internal const string ReadScript = """
        () => {
          const q = id => document.querySelector(`[data-testid="${id}"]`);
          const text = id => q(id)?.textContent ?? null;
          // A field of a form the kit shows as pending (aria-busy, its values on their way) shows no value yet:
          // neither a wrong one nor the right one.
          const pending = element => element?.closest?.('form[aria-busy="true"]') != null;
          const value = id => pending(q(id)) ? null : q(id)?.value ?? null;
          return {
            dom: {
              filter: value('list-filter'),
              name: value('form-name'),
              quantity: value('form-quantity'),
              country: value('form-country'),
              gift: q('form-gift') && !pending(q('form-gift')) ? String(q('form-gift').checked) : null,
              giftMessage: value('form-gift-message'),
              notes: value('form-notes'),
              date: value('form-date'),
              password: value('form-password'),
            },
            echo: {
              tab: text('selected-tab'),
              counter: text('counter-value'),
              filter: text('list-filter-echo'),
              page: text('list-page'),
              name: text('echo-name'),
              quantity: text('echo-quantity'),
              country: text('echo-country'),
              gift: text('echo-gift'),
              giftMessage: text('echo-gift-message'),
              notes: text('echo-notes'),
              date: text('echo-date'),
              passwordLength: text('echo-password-length'),
            },
          };
        }
        """;

    internal sealed class RawProbeState
    {
        public Dictionary<string, string?> Dom { get; set; } = [];

        public Dictionary<string, string?> Echo { get; set; } = [];
    }
}

/// <summary>What the probe page shows: input values in the DOM and the server model's echo.</summary>
public sealed record ProbeState(IReadOnlyDictionary<string, string?> Dom, IReadOnlyDictionary<string, string?> Echo)
{
    /// <summary>
    /// Whether a piece of state is back: the server's model has the expected value and, for an input,
    /// the DOM shows it too.
    /// </summary>
    public bool Survived(string key)
    {
        var expected = ProbePage.Expected[key];
        var inModel = Echo.GetValueOrDefault(key) == expected;
        var inDom = !Dom.ContainsKey(key) || Dom[key] == expected;
        return inModel && inDom;
    }

    /// <summary>How many of <see cref="ProbePage.Expected"/> are back.</summary>
    public int SurvivorCount => ProbePage.Expected.Keys.Count(Survived);

    /// <summary>
    /// Whether the page shows a value other than the one the user left: an input's value (a default, an empty field),
    /// or for the tab, the counter and the page number their text. An element that is not on the page (a document
    /// not rendered yet) shows nothing, which is not a wrong value.
    /// </summary>
    public bool ShowsWrongValue => ProbePage.Expected.Keys.Any(key =>
        (Dom.TryGetValue(key, out var shown) ? shown : Echo.GetValueOrDefault(key)) is { } value && value != ProbePage.Expected[key]);

    /// <summary>Whether the password came back anywhere (it must not).</summary>
    public bool PasswordRestored =>
        Dom.GetValueOrDefault("password") is { Length: > 0 } || Echo.GetValueOrDefault("passwordLength") is { } n && n != "0";

    public override string ToString() =>
        string.Join(", ", ProbePage.Expected.Keys.Select(k => $"{k}={(Survived(k) ? "back" : $"lost (dom '{Dom.GetValueOrDefault(k)}', model '{Echo.GetValueOrDefault(k)}')")}"));
}
