using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Blazor.LiveState.DeployHarness;
using LiveState.Bench;

// Runs the deploy scenarios against the demo (with the kit) and the stock Blazor app (without it),
// interleaved in one run so both see the same machine, and writes a Markdown report.
var options = BenchOptions.Parse(args);
var apps = new (string Name, AppBuild Build, AppBuild Next)[]
{
    ("stock", AppBuild.Stock, AppBuild.Stock),
    ("kit (demo)", AppBuild.Demo, AppBuild.DemoNext),
};

await using var chromium = await Chromium.LaunchAsync();
var scenario = new DeployScenario(chromium);

// Warm the browser and the disk cache once, so the first measured run is not the odd one out.
await scenario.RunAsync(AppBuild.Stock, AppBuild.Stock, DeployKind.KillAndRestart);

var results = new Dictionary<(string, DeployKind), List<DeployRun>>();
foreach (var kind in options.Scenarios)
{
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var (name, build, next) in apps)
        {
            var result = await scenario.RunAsync(build, next, kind);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-11} {ScenarioSummary.Scenario(kind),-20} run {run}: recovery {result.Recovery.TotalMilliseconds:F0} ms, fresh load {result.FreshLoad.TotalMilliseconds:F0} ms, state {result.Survivors}/{result.Total}, requests while down {result.RequestsWhileDown}"));
            if (!results.TryGetValue((name, kind), out var list))
            {
                results[(name, kind)] = list = [];
            }

            list.Add(result);
        }
    }
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {options.Runs} runs per cell.");
report.AppendLine();
report.AppendLine(ScenarioSummary.Header);
foreach (var kind in options.Scenarios)
{
    foreach (var (name, _, _) in apps)
    {
        report.AppendLine(new ScenarioSummary(name, kind, results[(name, kind)]).Row());
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
await File.WriteAllTextAsync(options.OutputPath, report.ToString());
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {options.OutputPath}");
