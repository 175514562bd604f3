using System.Globalization;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>The runs of one app in one scenario, reduced to medians and spreads.</summary>
internal sealed record ScenarioSummary(string App, DeployKind Kind, IReadOnlyList<DeployRun> Runs)
{
    public double RecoveryMedianMs => Statistics.Median(Runs.Select(r => r.Recovery.TotalMilliseconds));

    public double FreshLoadMedianMs => Statistics.Median(Runs.Select(r => r.FreshLoad.TotalMilliseconds));

    public double Ratio => RecoveryMedianMs / FreshLoadMedianMs;

    public string Row()
    {
        var recovery = Runs.Select(r => r.Recovery.TotalMilliseconds).ToList();
        var survivors = Runs.Select(r => r.Survivors).ToList();
        var requests = Runs.Select(r => (double)r.RequestsWhileDown).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {App} | {Scenario(Kind)} | {RecoveryMedianMs:F0} ({recovery.Min():F0}–{recovery.Max():F0}) | {FreshLoadMedianMs:F0} | {Ratio:F2} | " +
            $"{survivors.Min()}–{survivors.Max()} of {Runs[0].Total} | {Statistics.Median(requests):F0} ({requests.Min():F0}–{requests.Max():F0}) | " +
            $"{Statistics.Median(Runs.Select(r => r.Downtime.TotalMilliseconds)):F0} | {Statistics.Median(Runs.Select(r => r.TimeToExit.TotalMilliseconds)):F0} | " +
            $"{(Runs.Any(r => r.PasswordRestored) ? "yes" : "no")} | " +
            $"{(Runs.All(r => r.ReloadStarted is not null) ? Statistics.Median(Runs.Select(r => r.ReloadStarted!.Value.TotalMilliseconds)).ToString("F0", CultureInfo.InvariantCulture) : "–")} | " +
            $"{Statistics.Median(Runs.Select(r => r.Interactive.TotalMilliseconds)):F0} | " +
            $"{Runs.Min(r => r.Reloads)}–{Runs.Max(r => r.Reloads)} | " +
            $"{Statistics.Median(Runs.Select(r => r.WrongState.TotalMilliseconds)):F0} ({Runs.Min(r => r.WrongState.TotalMilliseconds):F0}–{Runs.Max(r => r.WrongState.TotalMilliseconds):F0}) |");
    }

    public const string Header =
        "| app | scenario | recovery ms, median (min–max) | fresh load ms, median | recovery ÷ fresh load | state back | requests while down, median (min–max) | downtime ms | old process exit ms | password restored | reload asked at ms | interactive at ms | reloads | wrong state on screen ms, median (min–max) |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Scenario(DeployKind kind) => kind switch
    {
        DeployKind.KillAndRestart => "kill -9 + restart",
        DeployKind.TerminateAndRestart => "SIGTERM + restart",
        DeployKind.NewBuild => "SIGTERM + new build",
        _ => kind.ToString(),
    };
}
