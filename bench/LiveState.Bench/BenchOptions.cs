using System.Globalization;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>Command-line options: <c>--runs N --scenarios kill,term,newbuild --only deploy,typing,url,tabstate,shutdown --out FILE</c>.</summary>
internal sealed record BenchOptions(int Runs, IReadOnlyList<DeployKind> Scenarios, IReadOnlySet<string> Parts, string OutputPath)
{
    public static readonly string[] AllParts = ["deploy", "typing", "url", "tabstate", "shutdown"];

    public bool Includes(string part) => Parts.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var runs = 5;
        IReadOnlyList<DeployKind> scenarios = [DeployKind.KillAndRestart, DeployKind.TerminateAndRestart, DeployKind.NewBuild];
        var output = Path.Combine(RepositoryRoot.Path, "bench", "results", "latest.md");
        IReadOnlySet<string> parts = new HashSet<string>(AllParts);
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
                case "--only":
                    parts = new HashSet<string>(args[++i].Split(','));
                    if (parts.Except(AllParts).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown part '{unknown}': use {string.Join(", ", AllParts)}.");
                    }

                    break;
                case "--out":
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Use --runs N, --scenarios kill,term,newbuild, --only deploy,typing,url,tabstate,shutdown, --out FILE.");
            }
        }

        return new BenchOptions(runs, scenarios, parts, output);
    }

    private static DeployKind ParseScenario(string name) => name switch
    {
        "kill" => DeployKind.KillAndRestart,
        "term" => DeployKind.TerminateAndRestart,
        "newbuild" => DeployKind.NewBuild,
        _ => throw new ArgumentException($"Unknown scenario '{name}': use kill, term or newbuild."),
    };
}
