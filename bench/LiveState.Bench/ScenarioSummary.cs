using System.Globalization;

namespace LiveState.Bench;

/// <summary>The runs of one app in one deploy scenario, reduced to medians and spreads; failed runs are counted, not measured.</summary>
internal sealed record ScenarioSummary(string App, BenchScenario Scenario, IReadOnlyList<DeployRun> Runs, IReadOnlyList<string> Failures)
{
    public const string Header =
        "| app | scenario | recovery ms, median (min–max) | fresh load ms, median | recovery ÷ fresh load | recovery − fresh load per run ms: median [95 % CI of the median], p95 | state back | requests while down, median (min–max) | downtime ms | old process exit ms | password restored | reload asked at ms | interactive at ms | reloads | wrong state on screen ms, median (min–max) | scroll kept (same view) | focus and caret kept | failed runs |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row()
    {
        if (Runs.Count == 0)
        {
            return $"| {App} | {BenchScenarios.Title(Scenario)} | all {Failures.Count} runs failed: {Failures[0]} |" + string.Concat(Enumerable.Repeat(" |", 14)) + $" {Failures.Count} |";
        }

        var recovery = Runs.Select(r => r.Recovery.TotalMilliseconds).ToList();
        var survivors = Runs.Select(r => r.Survivors).ToList();
        var requests = Runs.Select(r => (double)r.RequestsWhileDown).ToList();
        var recoveryMedian = Statistics.Median(recovery);
        var freshLoadMedian = Statistics.Median(Runs.Select(r => r.FreshLoad.TotalMilliseconds));
        // Each run's recovery against the fresh load of the same run (the same server start, the same minute): the
        // machine's drift from run to run cancels, which it does not in the difference of the two medians.
        var overFreshLoad = Runs.Select(r => (r.Recovery - r.FreshLoad).TotalMilliseconds).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {App} | {BenchScenarios.Title(Scenario)} | {recoveryMedian:F0} ({recovery.Min():F0}–{recovery.Max():F0}) | {freshLoadMedian:F0} | {recoveryMedian / freshLoadMedian:F2} | " +
            $"{Statistics.DescribeDifferences(overFreshLoad)} | " +
            $"{survivors.Min()}–{survivors.Max()} of {Runs[0].Total} | {Statistics.Median(requests):F0} ({requests.Min():F0}–{requests.Max():F0}) | " +
            $"{Statistics.Median(Runs.Select(r => r.Downtime.TotalMilliseconds)):F0} | {Statistics.Median(Runs.Select(r => r.TimeToExit.TotalMilliseconds)):F0} | " +
            $"{(Runs.Any(r => r.PasswordRestored) ? "yes" : "no")} | " +
            $"{(Runs.All(r => r.ReloadStarted is not null) ? Statistics.Median(Runs.Select(r => r.ReloadStarted!.Value.TotalMilliseconds)).ToString("F0", CultureInfo.InvariantCulture) : "–")} | " +
            $"{Statistics.Median(Runs.Select(r => r.Interactive.TotalMilliseconds)):F0} | " +
            $"{Runs.Min(r => r.Reloads)}–{Runs.Max(r => r.Reloads)} | " +
            $"{Statistics.Median(Runs.Select(r => r.WrongState.TotalMilliseconds)):F0} ({Runs.Min(r => r.WrongState.TotalMilliseconds):F0}–{Runs.Max(r => r.WrongState.TotalMilliseconds):F0}) | " +
            $"{Runs.Count(r => r.ScrollKept)} of {Runs.Count} | {Runs.Count(r => r.FocusKept)} of {Runs.Count} | {Failures.Count} |");
    }
}

/// <summary>The runs of one app through <see cref="RollingScenario.Deploys"/> rolling deploys, reduced to spreads.</summary>
internal sealed record RollingSummary(string App, IReadOnlyList<RollingRun> Runs, IReadOnlyList<string> Failures)
{
    public static string Header =>
        $"| app | state back after each of the {RollingScenario.Deploys} deploys, min–max | reloads per run | wrong state on screen ms per run, median (min–max) | scroll kept (same view) | focus and caret kept | password restored | s between deploys (end to next start), median | failed runs |\n" +
        "|---|---|---|---|---|---|---|---|---|";

    public string Row()
    {
        if (Runs.Count == 0)
        {
            return $"| {App} | all {Failures.Count} runs failed: {Failures[0]} | | | | | | | {Failures.Count} |";
        }

        var steps = Runs.SelectMany(r => r.Steps).ToList();
        var states = string.Join(" / ", Enumerable.Range(0, RollingScenario.Deploys).Select(i =>
            $"{Runs.Min(r => r.Steps[i].Survivors)}–{Runs.Max(r => r.Steps[i].Survivors)}"));
        var wrong = Runs.Select(r => r.WrongState.TotalMilliseconds).ToList();
        var gaps = steps.Where(s => s.SincePrevious is not null).Select(s => s.SincePrevious!.Value.TotalSeconds).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {App} | {states} of {ProbePageTotal} | {Runs.Min(r => r.Reloads)}–{Runs.Max(r => r.Reloads)} | " +
            $"{Statistics.Median(wrong):F0} ({wrong.Min():F0}–{wrong.Max():F0}) | " +
            $"{steps.Count(s => s.ScrollKept)} of {steps.Count} | {steps.Count(s => s.FocusKept)} of {steps.Count} | {(steps.Any(s => s.PasswordRestored) ? "yes" : "no")} | " +
            $"{Statistics.Median(gaps):F1} | {Failures.Count} |");
    }

    private static int ProbePageTotal => Blazor.LiveState.DeployHarness.ProbePage.Expected.Count;
}
