using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>The deploys the benchmark measures, each run for the kit and for stock Blazor in the same run.</summary>
internal enum BenchScenario
{
    /// <summary><c>kill -9</c> and a restart of the only server: a crash.</summary>
    Kill,

    /// <summary>SIGTERM and a restart of the only server.</summary>
    Term,

    /// <summary>SIGTERM and another build started on the only server.</summary>
    NewBuild,

    /// <summary>Two instances behind nginx: SIGTERM to the one serving the page, which is not started again.</summary>
    Drain,

    /// <summary>Two instances behind nginx, both replaced one after the other by a new build, three times, 5 s apart.</summary>
    Rolling,
}

/// <summary>Names of <see cref="BenchScenario"/> on the command line and in the report.</summary>
internal static class BenchScenarios
{
    public static readonly BenchScenario[] All = [BenchScenario.Kill, BenchScenario.Term, BenchScenario.NewBuild, BenchScenario.Drain, BenchScenario.Rolling];

    public static string OptionName(BenchScenario scenario) => scenario switch
    {
        BenchScenario.Kill => "kill",
        BenchScenario.Term => "term",
        BenchScenario.NewBuild => "newbuild",
        BenchScenario.Drain => "drain",
        BenchScenario.Rolling => "rolling",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    public static BenchScenario Parse(string name)
    {
        foreach (var scenario in All)
        {
            if (OptionName(scenario) == name)
            {
                return scenario;
            }
        }

        throw new ArgumentException($"Unknown scenario '{name}': use {string.Join(", ", All.Select(OptionName))}.");
    }

    public static string Title(BenchScenario scenario) => scenario switch
    {
        BenchScenario.Kill => "kill -9 + restart",
        BenchScenario.Term => "SIGTERM + restart",
        BenchScenario.NewBuild => "SIGTERM + new build",
        BenchScenario.Drain => "drain to another instance (nginx)",
        BenchScenario.Rolling => "3 rolling deploys 5 s apart (nginx)",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The single-server deploy a scenario is, if it is one.</summary>
    public static DeployKind? SingleServerKind(BenchScenario scenario) => scenario switch
    {
        BenchScenario.Kill => DeployKind.KillAndRestart,
        BenchScenario.Term => DeployKind.TerminateAndRestart,
        BenchScenario.NewBuild => DeployKind.NewBuild,
        _ => null,
    };
}
