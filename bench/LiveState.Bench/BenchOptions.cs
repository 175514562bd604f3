using System.Globalization;
using Blazor.LiveState.DeployHarness;

namespace LiveState.Bench;

/// <summary>Command-line options: <c>--runs N --scenarios kill,term,newbuild,drain,rolling --only deploy,load,typing,url,tabstate,render,shutdown,keys --out FILE --trace</c>.</summary>
/// <param name="Runs">Runs per deploy cell and per measured part.</param>
/// <param name="Scenarios">The deploys to run.</param>
/// <param name="Parts">The parts of the benchmark to run.</param>
/// <param name="OutputPath">Where the Markdown report goes.</param>
/// <param name="Trace">Print, for each deploy, when the page showed what after the new server answered; for a lone server's deploys, also the fresh load's and a reloaded document's start, moment by moment (<see cref="PageStartTrace"/>).</param>
internal sealed record BenchOptions(int Runs, IReadOnlyList<BenchScenario> Scenarios, IReadOnlySet<string> Parts, string OutputPath, bool Trace)
{
    public static readonly string[] AllParts = ["deploy", "load", "typing", "url", "tabstate", "render", "shutdown", "keys"];

    public bool Includes(string part) => Parts.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        var runs = 5;
        IReadOnlyList<BenchScenario> scenarios = BenchScenarios.All;
        var output = Path.Combine(RepositoryRoot.Path, "bench", "results", "latest.md");
        IReadOnlySet<string> parts = new HashSet<string>(AllParts);
        var trace = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--scenarios":
                    scenarios = [.. args[++i].Split(',').Select(BenchScenarios.Parse)];
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
                case "--trace":
                    trace = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Use --runs N, --scenarios kill,term,newbuild,drain,rolling, --only deploy,load,typing,url,tabstate,render,shutdown,keys, --out FILE, --trace.");
            }
        }

        return new BenchOptions(runs, scenarios, parts, output, trace);
    }
}
