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

// Typing: the same 2 × 51 keystrokes into the same form, with and without <FormRecovery />.
var keystrokes = new KeystrokeCost(chromium);
var typing = new List<(string Name, int Messages, long Bytes)>();
foreach (var (name, build, _) in apps)
{
    var (messages, bytes) = await keystrokes.MeasureAsync(build);
    typing.Add((name, messages, bytes));
    Console.WriteLine($"{name,-11} typing {2 * KeystrokeCost.Text.Length} characters: {messages} WebSocket messages, {bytes} bytes to the server");
}

// Restoring a 50-field form (kit only: the stock app restores nothing).
var longForm = new LongFormRestore(chromium);
var longFormTimes = new List<double>();
for (var run = 1; run <= options.Runs; run++)
{
    var took = await longForm.MeasureAsync(AppBuild.Demo);
    longFormTimes.Add(took.TotalMilliseconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kit (demo)  50-field form restored in {took.TotalMilliseconds:F0} ms after the page was interactive (run {run})"));
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

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Typing {2 * KeystrokeCost.Text.Length} characters into two fields of the deploy-check form (text and textarea, both bound on change):");
report.AppendLine();
report.AppendLine("| app | WebSocket messages to the server | bytes |");
report.AppendLine("|---|---|---|");
foreach (var (name, messages, bytes) in typing)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {messages} | {bytes} |");
}

longFormTimes.Sort();
report.AppendLine();
report.AppendLine(string.Create(CultureInfo.InvariantCulture,
    $"Restoring a 50-field form after kill -9 + restart, from interactive to all 50 values in the server's model: median {longFormTimes[longFormTimes.Count / 2]:F0} ms (min {longFormTimes[0]:F0}, max {longFormTimes[^1]:F0}, {longFormTimes.Count} runs)."));

Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
await File.WriteAllTextAsync(options.OutputPath, report.ToString());
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {options.OutputPath}");
