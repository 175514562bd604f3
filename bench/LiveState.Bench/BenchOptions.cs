using System.Globalization;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>Command-line options: <c>--runs N --scenarios kill,term,newbuild --out FILE</c>.</summary>
internal sealed record BenchOptions(int Runs, IReadOnlyList<DeployKind> Scenarios, string OutputPath)
{
    public static BenchOptions Parse(string[] args)
    {
        var runs = 5;
        IReadOnlyList<DeployKind> scenarios = [DeployKind.KillAndRestart, DeployKind.TerminateAndRestart, DeployKind.NewBuild];
        var output = Path.Combine(RepositoryRoot.Path, "bench", "results", "latest.md");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--scenarios":
                    scenarios = [.. args[++i].Split(',').Select(ParseScenario)];
                    break;
                case "--out":
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Use --runs N, --scenarios kill,term,newbuild, --out FILE.");
            }
        }

        return new BenchOptions(runs, scenarios, output);
    }

    private static DeployKind ParseScenario(string name) => name switch
    {
        "kill" => DeployKind.KillAndRestart,
        "term" => DeployKind.TerminateAndRestart,
        "newbuild" => DeployKind.NewBuild,
        _ => throw new ArgumentException($"Unknown scenario '{name}': use kill, term or newbuild."),
    };
}
