using System.Text.RegularExpressions;
using Blazor.LiveState.DeployHarness;

namespace Blazor.LiveState.E2ETests.Newcomer;

/// <summary>How the newcomer's fresh template app is set up, beyond the README's quickstart lines.</summary>
public enum NewcomerVariant
{
    /// <summary><c>dotnet new blazor --interactivity Server</c> as it comes: a static router, interactivity per page.</summary>
    PerPageInteractivity,

    /// <summary>The same with <c>--all-interactive</c>: <c>&lt;Routes @rendermode="InteractiveServer" /&gt;</c>.</summary>
    GlobalInteractivity,

    /// <summary>The page renders with <c>new InteractiveServerRenderMode(prerender: false)</c>.</summary>
    PrerenderingOff,

    /// <summary>The template's <c>ReconnectModal</c> deleted, and its tag removed from <c>App.razor</c>.</summary>
    NoReconnectModal,
}

/// <summary>
/// A Blazor developer's first contact with the kit: a fresh template app in a temporary folder, the packed
/// package from a local feed, exactly the README's quickstart lines, and a page with a [UrlState] tab, a
/// [TabState] counter and a form with &lt;FormRecovery /&gt;. Published, so a test can run and deploy it.
/// </summary>
internal static partial class NewcomerApp
{
    public const string PagePath = "/live-check";

    private static readonly Lock PackLock = new();
    private static string? _feed;

    private static readonly Lock BuildsLock = new();
    private static readonly Dictionary<NewcomerVariant, AppBuild> Builds = [];

    /// <summary>The app for <paramref name="variant"/>, created, set up and published on first use (tests only run it).</summary>
    public static AppBuild Create(NewcomerVariant variant)
    {
        lock (BuildsLock)
        {
            if (!Builds.TryGetValue(variant, out var build))
            {
                build = CreateNow(variant);
                Builds[variant] = build;
            }

            return build;
        }
    }

    private static AppBuild CreateNow(NewcomerVariant variant)
    {
        var feed = PackOnce();
        var root = Directory.CreateTempSubdirectory($"livestate-newcomer-{variant}-").FullName;
        var project = Path.Combine(root, "NewcomerApp");
        // Outside the repository: none of its build settings may help the newcomer's app.
        string[] template = ["new", "blazor", "--interactivity", "Server", "--name", "NewcomerApp", "--output", project, "--no-restore"];
        Run(root, "dotnet", variant == NewcomerVariant.GlobalInteractivity ? [.. template, "--all-interactive"] : template);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="blazor-livestate-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        InstallRun(project, feed, "dotnet", "add", "package", "Blazor.LiveState", "--prerelease");

        ApplyQuickstart(Path.Combine(project, "Program.cs"));
        File.WriteAllText(Path.Combine(project, "Components", "Pages", "LiveCheck.razor"), Page(variant));
        if (variant == NewcomerVariant.NoReconnectModal)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(project, "Components", "Layout"), "ReconnectModal.razor*"))
            {
                File.Delete(file);
            }

            var app = Path.Combine(project, "Components", "App.razor");
            File.WriteAllText(app, ReconnectModalTag().Replace(File.ReadAllText(app), ""));
        }

        var output = Path.Combine(root, "published");
        InstallRun(project, feed, "dotnet", "publish", "-c", "Release", "-o", output, "-nologo", "-v", "q");
        return new AppBuild($"newcomer-{variant}", output, "NewcomerApp.dll");
    }

    /// <summary>
    /// Inserts the README's two setup lines where the README says they go: after the template's
    /// <c>AddInteractiveServerComponents()</c> and after its <c>AddInteractiveServerRenderMode()</c>.
    /// </summary>
    private static void ApplyQuickstart(string programFile)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var addLine = QuickstartLine(readme, "builder.Services.AddLiveState(");
        var mapLine = QuickstartLine(readme, "app.MapLiveState(");
        var program = File.ReadAllText(programFile);
        program = InsertAfter(program, ".AddInteractiveServerComponents();", addLine);
        program = InsertAfter(program, ".AddInteractiveServerRenderMode();", mapLine);
        File.WriteAllText(programFile, program);
    }

    /// <summary>The statement of the README's quickstart that starts with <paramref name="start"/>, without its comment.</summary>
    private static string QuickstartLine(string readme, string start)
    {
        var line = readme.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The README has no quickstart line starting with '{start}'.");
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).TrimEnd();
    }

    private static string InsertAfter(string text, string anchor, string line)
    {
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"The template's Program.cs has no '{anchor}'.");
        }

        var end = text.IndexOf('\n', at);
        return text.Insert(end + 1, line + "\n");
    }

    private static string Page(NewcomerVariant variant)
    {
        var renderMode = variant switch
        {
            NewcomerVariant.GlobalInteractivity => "",
            NewcomerVariant.PrerenderingOff => "@rendermode @(new InteractiveServerRenderMode(prerender: false))",
            _ => "@rendermode InteractiveServer",
        };
        return $$"""
            @page "{{PagePath}}"
            {{renderMode}}
            @inherits LiveComponentBase
            @using Blazor.LiveState

            <PageTitle>Live check</PageTitle>

            <div data-interactive="@(RendererInfo.IsInteractive ? "true" : "false")" data-instance="@Environment.ProcessId">
                <p>Tab: <span data-testid="tab">@Tab</span> <button data-testid="tab-details" @onclick='() => Tab = "details"'>Details</button></p>
                <p>Count: <span data-testid="count">@Count</span> <button data-testid="count-add" @onclick="() => Count++">Add</button></p>
                <EditForm Model="model" FormName="live-check">
                    <FormRecovery />
                    <InputText data-testid="name" @bind-Value="model.Name" />
                    <InputText type="password" data-testid="password" @bind-Value="model.Password" />
                </EditForm>
                <p>Name: <span data-testid="echo-name">@model.Name</span></p>
            </div>

            @code {
                private readonly CheckModel model = new();

                [UrlState] public string Tab { get; set; } = "overview";

                [TabState] public int Count { get; set; }

                private sealed class CheckModel
                {
                    public string? Name { get; set; }

                    public string? Password { get; set; }
                }
            }
            """;
    }

    private static string PackOnce()
    {
        lock (PackLock)
        {
            if (_feed is null)
            {
                var feed = Directory.CreateTempSubdirectory("livestate-feed-").FullName;
                Run(RepositoryRoot.Path, "dotnet", "pack", "src/Blazor.LiveState/Blazor.LiveState.csproj", "-c", "Release", "-o", feed, "-nologo", "-v", "q");
                _feed = feed;
            }

            return _feed;
        }
    }

    private static void Run(string directory, string command, params string[] args) => Run(directory, packages: null, command, args);

    /// <summary>
    /// Runs a command that installs the package, with a NuGet packages folder of this run's own: the package's
    /// version stays the same between builds of it, so the machine's shared cache would serve an older copy.
    /// </summary>
    private static void InstallRun(string directory, string feed, string command, params string[] args) => Run(directory, feed + "-packages", command, args);

    private static void Run(string directory, string? packages, string command, string[] args)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        if (packages is not null)
        {
            environment["NUGET_PACKAGES"] = packages;
        }

        ExternalCommand.Run(command, args, directory, environment);
    }

    [GeneratedRegex(@"\s*<ReconnectModal\s*/>")]
    private static partial Regex ReconnectModalTag();
}
