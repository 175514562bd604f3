using System.Text.Json;
using Blazor.LiveState.Reconnect;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class ReadinessAdmissionTests
{
    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, LoadCases().GetArrayLength())];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Admission_answers_every_shared_case_as_the_simulation_does(int index)
    {
        var @case = LoadCases()[index];
        var admission = new ReadinessAdmission(@case.GetProperty("pagesPerSecond").GetInt32(), TimeProvider.System, () => 0);
        var step = 0;
        foreach (var ask in @case.GetProperty("asks").EnumerateArray())
        {
            var answer = admission.TryAdmit(ask.GetProperty("atMs").GetDouble(), ask.GetProperty("random").GetDouble());

            var expected = (ask.GetProperty("admitted").GetBoolean(), ask.GetProperty("retryAfterMs").GetDouble(), ask.GetProperty("startsQueue").GetBoolean());
            Assert.True(expected == (answer.Admitted, answer.RetryAfterMs, answer.StartsQueue), $"{@case.GetProperty("note")}: ask {step} answered {answer}, expected {expected}.");
            step++;
        }
    }

    [Fact]
    public void A_burst_is_admitted_up_to_a_tenth_of_a_second_of_the_budget_then_at_the_budget_rate()
    {
        var time = new SteppedClock();
        var admission = new ReadinessAdmission(200, time, () => 0.5);

        var atOnce = Enumerable.Range(0, 1000).Count(_ => admission.TryAdmit().Admitted);
        var admittedInTheNextSecond = 0;
        for (var ms = 0; ms < 1000; ms++)
        {
            time.Milliseconds++;
            admittedInTheNextSecond += Enumerable.Range(0, 10).Count(_ => admission.TryAdmit().Admitted);
        }

        Assert.Equal(20, atOnce);
        Assert.Equal(200, admittedInTheNextSecond);
    }

    [Fact]
    public void Pages_told_to_wait_get_turns_spaced_by_the_budget_so_they_come_back_at_its_rate()
    {
        var admission = new ReadinessAdmission(10, TimeProvider.System, () => 0);
        Assert.True(admission.TryAdmit(0, 0).Admitted);

        var turns = Enumerable.Range(0, 5).Select(_ => admission.TryAdmit(0, 0)).ToList();

        Assert.All(turns, t => Assert.False(t.Admitted));
        Assert.Equal([100, 200, 300, 400, 500], turns.Select(t => t.RetryAfterMs));
        Assert.Equal([true, false, false, false, false], turns.Select(t => t.StartsQueue));
        // Each comes back at its turn and finds the token the bucket refilled for it.
        Assert.All(turns, t => Assert.True(admission.TryAdmit(t.RetryAfterMs, 0).Admitted));
    }

    private static JsonElement LoadCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reconnect", "readinessAdmission.cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").Clone();
    }

    /// <summary>A monotonic clock that moves only when the test moves it, in whole milliseconds.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public long Milliseconds { get; set; }

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Milliseconds;
    }
}
