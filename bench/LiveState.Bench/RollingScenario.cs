using System.Diagnostics;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>
/// Rolling deploys behind nginx, one after the other: two instances (with Redis for the kit), the probe page open
/// with every piece of state changed, then <see cref="Deploys"/> times both instances replaced by a new build, the
/// one serving the page first, each rolling deploy starting <see cref="Apart"/> after the one before has finished (its
/// last new instance answering), or as soon as the page has been read after it if that takes longer. After each: the
/// state, reloads, wrong values on screen, scroll and focus.
/// </summary>
internal sealed class RollingScenario(Chromium chromium, bool trace = false)
{
    public const int Deploys = 3;

    public static readonly TimeSpan Apart = TimeSpan.FromSeconds(5);

    public async Task<RollingRun> RunAsync(AppBuild build, AppBuild nextBuild)
    {
        await using var cluster = await TwoInstances.StartAsync(build: build);
        await using var watched = await WatchedProbePage.OpenAsync(chromium);
        await watched.LoadAsync(cluster.Url(ProbePage.Path));
        var left = await watched.LeaveStateAsync();

        var gone = new List<string?>();
        var steps = new List<RollingStep>();
        long? previousEnd = null;
        for (var deploy = 1; deploy <= Deploys; deploy++)
        {
            if (previousEnd is { } previous && Apart - Stopwatch.GetElapsedTime(previous) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            var first = await ProbePage.InstanceOfAsync(cluster.First);
            var second = await ProbePage.InstanceOfAsync(cluster.Second);
            var onPage = await watched.InstanceAsync();
            var (serving, other) = onPage == first ? (cluster.First, cluster.Second)
                : onPage == second ? (cluster.Second, cluster.First)
                : throw new InvalidOperationException($"Before rolling deploy {deploy} the page is on neither instance ({onPage}).");
            gone.AddRange([first, second]);

            var started = Stopwatch.GetTimestamp();
            TimeSpan? gap = previousEnd is { } p ? Stopwatch.GetElapsedTime(p, started) : null;
            var reloadsBefore = watched.Reloads;
            var startedAt = StateTimeline.ToWallClock(started);
            var target = deploy % 2 == 1 ? nextBuild : build;
            await serving.DeployAsync(DeployKind.NewBuild, target);
            var last = await other.DeployAsync(DeployKind.NewBuild, target);
            previousEnd = last.AnsweredAt;
            var answeredAt = StateTimeline.ToWallClock(last.AnsweredAt);

            var recovery = await watched.WaitForRecoveryAsync(gone, startedAt, left);
            if (trace)
            {
                Console.WriteLine($"    rolling deploy {deploy}, times after its last instance answered:");
                await watched.PrintTraceAsync(recovery, answeredAt);
            }

            if (recovery.State.SurvivorCount < ProbePage.Expected.Count && build.Name.StartsWith("demo", StringComparison.Ordinal))
            {
                await watched.PrintLossAsync(recovery.State, [.. cluster.First.Output, .. cluster.Second.Output]);
            }

            steps.Add(new RollingStep(
                recovery.State.SurvivorCount,
                watched.Reloads - reloadsBefore,
                recovery.WrongState,
                recovery.ScrollKept,
                recovery.FocusKept,
                recovery.State.PasswordRestored,
                gap));
        }

        return new RollingRun(steps);
    }
}

/// <summary>One rolling deploy of the two instances, as the page lived through it.</summary>
/// <param name="Survivors">Pieces of state back after it (of <see cref="ProbePage.Expected"/>).</param>
/// <param name="Reloads">Documents the page loaded during it.</param>
/// <param name="WrongState">How long the page showed a value other than the one the user left.</param>
/// <param name="ScrollKept">Whether the window's scroll position was the user's afterwards.</param>
/// <param name="FocusKept">Whether the focused field and its caret were kept.</param>
/// <param name="PasswordRestored">Whether the password field came back (it must not).</param>
/// <param name="SincePrevious">From the previous rolling deploy's end (its last new instance answering) to this one's start (none for the first).</param>
internal sealed record RollingStep(
    int Survivors,
    int Reloads,
    TimeSpan WrongState,
    bool ScrollKept,
    bool FocusKept,
    bool PasswordRestored,
    TimeSpan? SincePrevious);

/// <summary>What one run of <see cref="RollingScenario.Deploys"/> rolling deploys measured.</summary>
internal sealed record RollingRun(IReadOnlyList<RollingStep> Steps)
{
    public int Reloads => Steps.Sum(s => s.Reloads);

    public TimeSpan WrongState => Steps.Aggregate(TimeSpan.Zero, (total, s) => total + s.WrongState);
}
