using System.Globalization;

namespace LiveState.Bench;

/// <summary>What one run of <see cref="KeysThroughRestart"/> typed and what the field kept.</summary>
/// <param name="App">The app's build.</param>
/// <param name="Typed">Keys pressed.</param>
/// <param name="Lost">The typed keys the field does not hold.</param>
/// <param name="Extra">Characters the field holds that were not typed (after the value the user left).</param>
/// <param name="PrefixKept">Whether the field still starts with the value the user left in it before typing.</param>
/// <param name="ModelHoldsField">Whether the server model's echo shows what the field shows.</param>
/// <param name="LongestGap">The longest time between two key presses the harness sent (the intended gap is <see cref="KeysThroughRestart.KeyInterval"/>).</param>
/// <param name="DriverErrors">Presses Playwright reported as failed.</param>
/// <param name="KeptUnseen">
/// Keys the field holds that no script saw: a check of the recording, which must see every key a document gets (not 0:
/// the recorder missed keys, and the split of the lost keys is not to be trusted).
/// </param>
internal sealed record KeysRun(
    string App,
    int Typed,
    IReadOnlyList<LostKey> Lost,
    int Extra,
    bool PrefixKept,
    bool ModelHoldsField,
    TimeSpan LongestGap,
    int DriverErrors,
    int KeptUnseen)
{
    private const int ListedKeys = 12;

    public int LostSeen => Lost.Count(k => k.SeenBy is not null);

    public int LostNeverDelivered => Lost.Count(k => k.SeenBy is null);

    /// <summary>Aligns what the field holds with the typed keys, and each lost key with the script that saw it, if one did.</summary>
    /// <param name="app">The app's build.</param>
    /// <param name="typed">The keys pressed, in order.</param>
    /// <param name="prefix">The value the user left in the field before typing at its end.</param>
    /// <param name="field">What the field holds once settled.</param>
    /// <param name="echo">What the server's model holds.</param>
    /// <param name="seen">The keys any document's script saw.</param>
    /// <param name="signalledAt">When the harness signalled the server (kill -9 or SIGTERM).</param>
    /// <param name="reload">The page's document after the restart; null when the page moved in place, without a reload.</param>
    public static KeysRun From(
        string app,
        IReadOnlyList<TypedKey> typed,
        string prefix,
        string field,
        string? echo,
        IReadOnlyList<SeenKey> seen,
        DateTimeOffset signalledAt,
        ReloadedDocument? reload)
    {
        // The stock app's reloaded field is empty: everything in it (nothing, usually) is compared with the typed keys.
        var prefixKept = field.StartsWith(prefix, StringComparison.Ordinal);
        var typedText = string.Concat(typed.Select(k => k.Key));
        var tail = prefixKept ? field[prefix.Length..] : field;
        var lostPositions = KeyLoss.Lost(typedText, tail);
        var seenFor = KeyLoss.MatchSeen(typed, seen);
        var lost = lostPositions
            .Select(i => new LostKey(i, typed[i].Key, typed[i].SentAt - signalledAt, typed[i].SentAt - reload?.FirstByte, seenFor[i] is { } s ? Where(s, reload) : null))
            .ToList();
        var gaps = typed.Zip(typed.Skip(1), (a, b) => b.SentAt - a.SentAt);
        return new KeysRun(
            app,
            typed.Count,
            lost,
            tail.Length - (typed.Count - lost.Count),
            prefixKept,
            echo == field,
            gaps.DefaultIfEmpty(TimeSpan.Zero).Max(),
            typed.Count(k => k.DriverError is not null),
            Enumerable.Range(0, typed.Count).Except(lostPositions).Count(i => seenFor[i] is null));
    }

    /// <summary>One line for the console: the counts, and each lost key with when it was sent and who saw it.</summary>
    public string Describe()
    {
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"typed {Typed}, lost {Lost.Count} (seen by a script {LostSeen}, never delivered {LostNeverDelivered}), extra {Extra}, " +
            $"value left before typing {(PrefixKept ? "kept" : "gone")}, server model {(ModelHoldsField ? "matches the field" : "differs from the field")}, " +
            $"longest gap between presses {LongestGap.TotalMilliseconds:F0} ms, driver errors {DriverErrors}, kept keys no script saw {KeptUnseen}");
        if (Lost.Count <= ListedKeys)
        {
            return Lost.Count == 0 ? counts : $"{counts}; lost: {string.Join(", ", Lost)}";
        }

        // Too many to list (the stock app loses every key): where the seen ones went, and each one never delivered.
        var seen = Lost.Where(k => k.SeenBy is not null).GroupBy(k => k.SeenBy).Select(g => $"{g.Count()} {g.Key}");
        var unseen = Lost.Where(k => k.SeenBy is null).Take(ListedKeys);
        return $"{counts}; lost: {string.Join(", ", seen)}; never delivered: {(LostNeverDelivered == 0 ? "none" : string.Join(", ", unseen))}";
    }

    private static string Where(SeenKey seen, ReloadedDocument? reload) =>
        $"seen by {(reload is null ? "the page (no reload)" : seen.Document < reload.NavigationStart ? "the document before the reload" : "the reloaded document")} on {seen.Target} ({seen.ReadyState})";
}

/// <summary>A typed key the field does not hold.</summary>
/// <param name="Position">Its place among the typed keys, from 0.</param>
/// <param name="Key">The character.</param>
/// <param name="AfterSignal">When it was sent, from the kill -9 or SIGTERM.</param>
/// <param name="AfterReload">When it was sent, from the reloaded document's first byte (negative: before it); null without a reload.</param>
/// <param name="SeenBy">Which document's script saw it and on which element, if any did.</param>
internal sealed record LostKey(int Position, char Key, TimeSpan AfterSignal, TimeSpan? AfterReload, string? SeenBy)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{Position} '{Key}' sent {AfterSignal.TotalMilliseconds:F0} ms after the signal, {(AfterReload is { } r ? $"{r.TotalMilliseconds:+0;-0} ms from the reloaded document's first byte" : "no reload")}, {SeenBy ?? "seen by no script"}");
}

/// <summary>The runs of one app, reduced to the report's row.</summary>
internal sealed record KeysSummary(string App, string Scenario, IReadOnlyList<KeysRun> Runs, IReadOnlyList<string> Failures)
{
    public const string Header =
        "| app | scenario | runs | keys typed per run, median | keys lost per restart, median (max) | lost ÷ typed, all runs | lost keys a script saw (delivered, then lost) | lost keys no script saw (never delivered) | server model = field | longest gap between presses ms | failed runs |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row()
    {
        if (Runs.Count == 0)
        {
            return $"| {App} | {Scenario} | 0 | all {Failures.Count} runs failed: {Failures[0]} | | | | | | | {Failures.Count} |";
        }

        var lost = Runs.Select(r => (double)r.Lost.Count).ToList();
        var lostTotal = Runs.Sum(r => r.Lost.Count);
        var typedTotal = Runs.Sum(r => r.Typed);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {App} | {Scenario} | {Runs.Count} | {Statistics.Median(Runs.Select(r => (double)r.Typed)):F0} | {Statistics.Median(lost):0.#} ({lost.Max():F0}) | " +
            $"{lostTotal} / {typedTotal} | {Runs.Sum(r => r.LostSeen)} | {Runs.Sum(r => r.LostNeverDelivered)} | " +
            $"{Runs.Count(r => r.ModelHoldsField)} of {Runs.Count} | {Runs.Max(r => r.LongestGap.TotalMilliseconds):F0} | {Failures.Count} |");
    }
}
