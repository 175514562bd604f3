using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Blazor.LiveState.DeployHarness;
using LiveState.Bench;

// Runs the benchmarks against the demo (with the kit) and stock Blazor apps (without it), interleaved in
// one run so both see the same machine, and writes a Markdown report.
var options = BenchOptions.Parse(args);
var apps = new (string Name, AppBuild Build, AppBuild Next)[]
{
    ("stock", AppBuild.Stock, AppBuild.Stock),
    ("kit (demo)", AppBuild.Demo, AppBuild.DemoNext),
};

await using var chromium = await Chromium.LaunchAsync();
var report = new StringBuilder();
// What ran is read from the apps' folders, not from how a script meant to publish them: a run of this binary
// without bench/run.sh, or with folders swapped by hand, reports the builds it really started.
report.AppendLine(CultureInfo.InvariantCulture, $"Run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {options.Runs} runs per deploy cell; as found in the apps' folders: the kit {CompiledCode.Of(AppBuild.Demo, "Blazor.LiveState.dll")}, the demo's own code {CompiledCode.Of(AppBuild.Demo)}, stock's {CompiledCode.Of(AppBuild.Stock)} (IL is compiled as it runs).");

if (options.Includes("deploy"))
{
    var deploys = new DeployScenario(chromium, options.Trace);
    var drains = new DrainScenario(chromium, options.Trace);
    var rollings = new RollingScenario(chromium, options.Trace);

    // Warm the browser and the disk cache once, so the first measured run is not the odd one out.
    await deploys.RunAsync(AppBuild.Stock, AppBuild.Stock, DeployKind.KillAndRestart);

    var runs = new Dictionary<(string, BenchScenario), List<DeployRun>>();
    var rollingRuns = new Dictionary<string, List<RollingRun>>();
    var failures = new Dictionary<(string, BenchScenario), List<string>>();
    foreach (var scenario in options.Scenarios)
    {
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (name, build, next) in apps)
            {
                var label = $"{name,-11} {BenchScenarios.Title(scenario),-36} run {run}";
                var failed = failures.TryGetValue((name, scenario), out var f) ? f : failures[(name, scenario)] = [];
                try
                {
                    if (scenario == BenchScenario.Rolling)
                    {
                        var result = await rollings.RunAsync(build, next);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{label}: state {string.Join(" / ", result.Steps.Select(s => $"{s.Survivors}/{ProbePage.Expected.Count}"))}, reloads {result.Reloads}, wrong state {result.WrongState.TotalMilliseconds:F0} ms"));
                        Add(rollingRuns, name, result);
                    }
                    else
                    {
                        var result = BenchScenarios.SingleServerKind(scenario) is { } kind
                            ? await deploys.RunAsync(build, next, kind)
                            : await drains.RunAsync(build);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{label}: recovery {result.Recovery.TotalMilliseconds:F0} ms, fresh load {result.FreshLoad.TotalMilliseconds:F0} ms, state {result.Survivors}/{result.Total}, reloads {result.Reloads}, wrong state {result.WrongState.TotalMilliseconds:F0} ms, scroll {(result.ScrollKept ? "kept" : "lost")}, focus {(result.FocusKept ? "kept" : "lost")}, requests while down {result.RequestsWhileDown}"));
                        Add(runs, (name, scenario), result);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // One run that never recovered (a timeout, a process that did not start or stop) is a result of
                    // the benchmark: the table counts it as failed and the other runs go on.
                    var reason = e.Message.ReplaceLineEndings(" ");
                    Console.WriteLine($"{label}: FAILED: {e.GetType().Name}: {reason}");
                    failed.Add(TableCellReason(e, reason));
                }
            }
        }
    }

    report.AppendLine();
    report.AppendLine("### Deploys of the deploy-check page (`/probe`)");
    report.AppendLine();
    report.AppendLine(ScenarioSummary.Header);
    foreach (var scenario in options.Scenarios.Where(s => s != BenchScenario.Rolling))
    {
        foreach (var (name, _, _) in apps)
        {
            report.AppendLine(new ScenarioSummary(name, scenario, runs.GetValueOrDefault((name, scenario)) ?? [], failures[(name, scenario)]).Row());
        }
    }

    if (options.Scenarios.Contains(BenchScenario.Rolling))
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"### {RollingScenario.Deploys} rolling deploys {RollingScenario.Apart.TotalSeconds:F0} s apart behind nginx (both instances replaced by a new build each time, the page's first)");
        report.AppendLine();
        report.AppendLine(RollingSummary.Header);
        foreach (var (name, _, _) in apps)
        {
            report.AppendLine(new RollingSummary(name, rollingRuns.GetValueOrDefault(name) ?? [], failures[(name, BenchScenario.Rolling)]).Row());
        }
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

    longFormTimes.Sort();
    report.AppendLine();
    report.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"Restoring a 50-field form after kill -9 + restart, from interactive to all 50 values in the server's model: median {longFormTimes[longFormTimes.Count / 2]:F0} ms (min {longFormTimes[0]:F0}, max {longFormTimes[^1]:F0}, {longFormTimes.Count} runs)."));
}

if (options.Includes("load"))
{
    // What installing the kit costs a page that uses none of it: the same app and page, built without and with the
    // kit, loaded in turn in each run so that both see the machine as it is at that moment.
    var loads = new FreshLoadCost(chromium);
    var builds = new (string Name, AppBuild Build)[] { ("stock", AppBuild.Stock), ("stock + kit installed", AppBuild.StockWithKit) };
    var times = builds.ToDictionary(b => b.Name, _ => new List<double>());
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var (name, build) in builds)
        {
            var took = (await loads.MeasureAsync(build)).TotalMilliseconds;
            times[name].Add(took);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} fresh load of /probe, run {run}: {took:F0} ms"));
        }
    }

    var differences = times[builds[1].Name].Zip(times[builds[0].Name], (with, without) => with - without).ToList();
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"### What installing the kit costs a page load: the stock app's deploy-check page (no kit attribute on it), first load on a freshly started server, {options.Runs} runs");
    report.AppendLine();
    report.AppendLine("| build | fresh load ms, median (min–max) |");
    report.AppendLine("|---|---|");
    foreach (var (name, list) in times)
    {
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Statistics.Median(list):F0} ({list.Min():F0}–{list.Max():F0}) |"));
    }

    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"With the kit − without, per run, ms: median [95 % CI of the median], p95: {Statistics.DescribeDifferences(differences)}.");
}

if (options.Includes("typing"))
{
    // Typing: the same 2 × 51 keystrokes into the same form, with and without <FormRecovery />.
    var keystrokes = new KeystrokeCost(chromium);
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"### Typing {2 * KeystrokeCost.Text.Length} characters into two fields of the deploy-check form (text and textarea, both bound on change)");
    report.AppendLine();
    report.AppendLine("| app | WebSocket messages to the server | bytes |");
    report.AppendLine("|---|---|---|");
    foreach (var (name, build, _) in apps)
    {
        var (messages, bytes) = await keystrokes.MeasureAsync(build);
        Console.WriteLine($"{name,-11} typing {2 * KeystrokeCost.Text.Length} characters: {messages} WebSocket messages, {bytes} bytes to the server");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {messages} | {bytes} |");
    }
}

if (options.Includes("url"))
{
    var urlWrites = new UrlWriteCost(chromium);
    var cases = new (string Name, AppBuild Build, string Button, string Key)[]
    {
        ("hand-written NavigateTo, per-page interactivity (stock template)", AppBuild.Stock, "write-manual", "mstep"),
        ("[UrlState], per-page interactivity", AppBuild.PerPage, "write-kit", "step"),
        ("hand-written NavigateTo, interactive router", AppBuild.Demo, "write-manual", "mstep"),
        ("[UrlState], interactive router (demo)", AppBuild.Demo, "write-kit", "step"),
    };
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"### One URL write: a click that changes two query values ({UrlWriteCost.Writes} writes, per-write averages)");
    report.AppendLine();
    report.AppendLine("| how | HTTP requests | WebSocket bytes to server | WebSocket bytes to browser | server CPU ms | click to history update ms, median |");
    report.AppendLine("|---|---|---|---|---|---|");
    foreach (var (name, build, button, key) in cases)
    {
        var result = await urlWrites.MeasureAsync(name, build, button, key);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.RequestsPerWrite:F2} requests, {result.BytesSentPerWrite:F0} B up, {result.BytesReceivedPerWrite:F0} B down, {result.ServerCpuMsPerWrite:F2} ms CPU, {result.MedianLatencyMs:F0} ms"));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result.RequestsPerWrite:F2} | {result.BytesSentPerWrite:F0} | {result.BytesReceivedPerWrite:F0} | {result.ServerCpuMsPerWrite:F2} | {result.MedianLatencyMs:F0} |"));
    }
}

if (options.Includes("tabstate"))
{
    // Each run clicks in each app, the apps in turns; CPU is per click over the counted clicks, bytes likewise.
    var tabState = new TabStateCost(chromium);
    var results = new Dictionary<string, List<TabStateResult>>();
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var (name, build, _) in apps)
        {
            var result = await tabState.MeasureAsync(name, build);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}, run {run}: {result.BytesReceivedPerClick:F0} B down, {result.BytesSentPerClick:F0} B up, {result.ServerCpuMsPerClick:F2} ms CPU per click, {result.SealedCharacters} sealed characters"));
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(result);
        }
    }

    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"### One counter click on the deploy-check page ({TabStateCost.Clicks} clicks after {TabStateCost.WarmUpClicks}, servers without tiered compilation, {options.Runs} runs, per-click averages): a [TabState] property in the demo, a plain field in the stock app");
    report.AppendLine();
    report.AppendLine("| app | WebSocket bytes to browser | WebSocket bytes to server | server CPU ms, median (min–max) | sealed state kept by the browser, characters |");
    report.AppendLine("|---|---|---|---|---|");
    foreach (var (name, list) in results)
    {
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Statistics.Median(list.Select(r => r.BytesReceivedPerClick)):F0} | {Statistics.Median(list.Select(r => r.BytesSentPerClick)):F0} " +
            $"| {Statistics.Median(list.Select(r => r.ServerCpuMsPerClick)):F2} ({list.Min(r => r.ServerCpuMsPerClick):F2}–{list.Max(r => r.ServerCpuMsPerClick):F2}) | {list[^1].SealedCharacters} |"));
    }
}

if (options.Includes("render"))
{
    // What the kit costs a large render: the stock app's render page in the stock app and in the same app with the
    // kit installed, side by side in one browser, rendering in turns. A stored form of the page makes the kit's
    // script look for that form, so that case is measured apart: while the page is young, and after 11 s. The
    // control puts stock beside stock: how far two identical pages drift apart on this machine in the same run.
    var render = new RenderCost(chromium);
    var cases = new (string Name, AppBuild Kit, bool StoredForm, TimeSpan Wait)[]
    {
        ("control: stock beside stock", AppBuild.Stock, false, TimeSpan.Zero),
        ("kit installed", AppBuild.StockWithKit, false, TimeSpan.Zero),
        ("kit installed, page with a stored form, young", AppBuild.StockWithKit, true, TimeSpan.Zero),
        ("kit installed, page with a stored form, after 11 s", AppBuild.StockWithKit, true, TimeSpan.FromSeconds(11)),
    };
    const int renders = 10;
    var results = new Dictionary<string, List<RenderCostResult>>();
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var (name, kit, storedForm, wait) in cases)
        {
            var result = await render.MeasureAsync(name, AppBuild.Stock, kit, renders, storedForm, wait);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"render of {RenderCost.Rows} rows, {name}, run {run} (medians of {renders}, stock / kit): script {result.Stock.ScriptMs:F1} / {result.Kit.ScriptMs:F1} ms, " +
                $"tasks {result.Stock.TaskMs:F1} / {result.Kit.TaskMs:F1} ms, click to painted {result.Stock.PaintedMs:F1} / {result.Kit.PaintedMs:F1} ms; " +
                $"the kit's own script {result.KitShare.KitMs:F2} of {result.KitShare.ScriptMs:F1} ms profiled; kit page {result.PageAgeMs / 1000:F1} s old at the end"));
            (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(result);
        }
    }

    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"### A large render: {RenderCost.Rows} table rows of five cells, in the browser's main thread ({options.Runs} runs of {renders} renders per app)");
    report.AppendLine();
    report.AppendLine("| case | script ms, stock / kit | kit ÷ stock, script | all tasks ms, stock / kit | kit ÷ stock, tasks | click to rows painted ms, stock / kit | kit ÷ stock, painted | the kit's own script per render and clear (profiled) |");
    report.AppendLine("|---|---|---|---|---|---|---|---|");
    foreach (var (name, list) in results)
    {
        double M(Func<RenderCostResult, double> value) => Statistics.Median(list.Select(value));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {M(r => r.Stock.ScriptMs):F1} / {M(r => r.Kit.ScriptMs):F1} | {M(r => r.ScriptRatio):F2} ({list.Min(r => r.ScriptRatio):F2}–{list.Max(r => r.ScriptRatio):F2}) " +
            $"| {M(r => r.Stock.TaskMs):F1} / {M(r => r.Kit.TaskMs):F1} | {M(r => r.TaskRatio):F2} ({list.Min(r => r.TaskRatio):F2}–{list.Max(r => r.TaskRatio):F2}) " +
            $"| {M(r => r.Stock.PaintedMs):F1} / {M(r => r.Kit.PaintedMs):F1} | {M(r => r.PaintedRatio):F2} ({list.Min(r => r.PaintedRatio):F2}–{list.Max(r => r.PaintedRatio):F2}) " +
            $"| {M(r => r.KitShare.KitMs):F2} ms, {M(r => r.KitShare.Percent):F1} % of the page's script |"));
    }

    report.AppendLine();
    report.AppendLine("Both apps are bench/StockApp; the kit's is built with -p:WithLiveState=true (AddLiveState, MapLiveState, its script loaded); in the control row the second page is stock too, so its ratios show the noise. Ratios: the median of the runs' ratios (min–max), each run's the ratio of its medians. The pages click and wait for the rows by themselves (no polling from the harness), so the counters hold the render's own work.");
}

if (options.Includes("shutdown"))
{
    var shutdown = new ShutdownCost(chromium);
    var results = new List<ShutdownResult>();
    for (var run = 1; run <= options.Runs; run++)
    {
        foreach (var pages in new[] { 1, ShutdownCost.Pages })
        {
            results.Add(await shutdown.LoneServerAsync("stock, lone server", AppBuild.Stock, pages));
            results.Add(await shutdown.LoneServerAsync("kit (demo), lone server", AppBuild.Demo, pages));
        }

        results.Add(await shutdown.BehindProxyAsync("kit (demo), second instance behind nginx, Redis"));
    }
    report.AppendLine();
    report.AppendLine("### SIGTERM to exit with connected pages");
    report.AppendLine();
    report.AppendLine("| app | pages | SIGTERM to exit ms, each run | drain (last run) |");
    report.AppendLine("|---|---|---|---|");
    foreach (var group in results.GroupBy(r => (r.Name, r.Pages)))
    {
        var exits = string.Join(", ", group.Select(r => r.Exit.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
        Console.WriteLine($"{group.Key.Name}, {group.Key.Pages} pages: exit {exits} ms");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Name} | {group.Key.Pages} | {exits} | {group.Last().DrainSummary ?? "–"} |");
    }
}

if (options.Includes("keys"))
{
    // Typing through a restart (issue 13: "typing through a restart loses no key"): one key every 30 ms from before
    // the deploy until 20 keys after the page is interactive on the new process, kit and stock interleaved per run,
    // for each lone-server scenario asked for (a kill -9 reloads the page; a SIGTERM moves it in place).
    var keys = new KeysThroughRestart(chromium);
    var keyScenarios = options.Scenarios.Where(s => BenchScenarios.SingleServerKind(s) is not null).ToList();
    var results = new Dictionary<(string, BenchScenario), List<KeysRun>>();
    var failures = new Dictionary<(string, BenchScenario), List<string>>();
    foreach (var scenario in keyScenarios)
    {
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (name, build, next) in apps)
            {
                var label = $"{name,-11} keys through {BenchScenarios.Title(scenario)} run {run}";
                try
                {
                    var result = await keys.RunAsync(build, BenchScenarios.SingleServerKind(scenario)!.Value, next);
                    Console.WriteLine($"{label}: {result.Describe()}");
                    Add(results, (name, scenario), result);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var reason = e.Message.ReplaceLineEndings(" ");
                    Console.WriteLine($"{label}: FAILED: {e.GetType().Name}: {reason}");
                    Add(failures, (name, scenario), TableCellReason(e, reason));
                }
            }
        }
    }

    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"### Typing through a restart: a key every {KeysThroughRestart.KeyInterval.TotalMilliseconds:F0} ms at the end of the name field, from before the deploy until {KeysThroughRestart.KeysAfterInteractive} keys after the page is interactive on the new process");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"{options.Runs} runs per cell. Lost: typed keys minus the longest common subsequence of the typed keys and what the field holds after the value left in it (the stock app's reloaded field is empty and its focus on the page's body, so it loses every key). A lost key \"a script saw\" reached a keydown listener that an init script put in every document before the page's own scripts: the browser delivered it and the page lost it; one no script saw was never delivered to any document.");
    report.AppendLine();
    report.AppendLine(KeysSummary.Header);
    foreach (var scenario in keyScenarios)
    {
        foreach (var (name, _, _) in apps)
        {
            report.AppendLine(new KeysSummary(name, BenchScenarios.Title(scenario), results.GetValueOrDefault((name, scenario)) ?? [], failures.GetValueOrDefault((name, scenario)) ?? []).Row());
        }
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
await File.WriteAllTextAsync(options.OutputPath, report.ToString());
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {options.OutputPath}");

// A failed run's reason as one Markdown table cell: its type and the first 160 characters of its one-line message.
static string TableCellReason(Exception e, string oneLineMessage) =>
    $"{e.GetType().Name}: {(oneLineMessage.Length > 160 ? oneLineMessage[..160] + "…" : oneLineMessage)}".Replace("|", "\\|", StringComparison.Ordinal);

// Adds a run's result to the list kept under its key, starting the list with the first one.
static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value)
    where TKey : notnull =>
    (lists.TryGetValue(key, out var list) ? list : lists[key] = []).Add(value);
