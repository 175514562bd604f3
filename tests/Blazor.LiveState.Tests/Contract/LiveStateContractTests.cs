using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Blazor.LiveState.Reconnect;
using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Tests.Contract;

/// <summary>
/// The contract between the server and the kit's browser script has one list per side: LiveStateInterop (C#) and
/// wwwroot/constants.js. These tests fail when a name is typed anywhere else, defined twice, or the lists drift
/// apart; and when a stand-in value the browser needs before the server's config arrives differs from its C# home.
/// </summary>
public sealed partial class LiveStateContractTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot(), "src", "Blazor.LiveState");
    private static readonly string ConstantsJs = Path.Combine(Library, "wwwroot", "constants.js");

    // The names of the contract as they could be typed: DOM attributes, the marker's tag, document events,
    // sessionStorage keys, the JS API's functions, and a dataset property (a DOM name in disguise).
    [GeneratedRegex(@"data-livestate-[a-z-]+|data-state(-content)?\b|data-live-state|\blivestate-form-recovery|\blivestate:[a-z]+|blazor-livestate:[a-z-]*|BlazorLiveState\.[a-zA-Z.]+|\bdataset\.")]
    private static partial Regex BrowserName();

    [GeneratedRegex(@"data-livestate-[a-z-]+|data-state(-content)?\b|data-live-state|\blivestate-form-recovery|blazor-livestate:[a-z-]*|""BlazorLiveState\.")]
    private static partial Regex ServerName();

    // `key: 'value'` inside a constants.js block.
    [GeneratedRegex(@"(\w+): '([^']*)'")]
    private static partial Regex JsEntry();

    [Fact]
    public void No_browser_module_types_a_contract_name_outside_constants_js()
    {
        var files = SourceFiles(".js").Where(file => file != ConstantsJs);

        Assert.Empty(Strays(files, IsJsComment, BrowserName()));
    }

    [Fact]
    public void No_server_code_types_a_contract_name_outside_LiveStateInterop()
    {
        var interop = Path.Combine(Library, "Shared", "LiveStateInterop.cs");
        var files = SourceFiles(".cs", ".razor").Where(file => file != interop);

        Assert.Empty(Strays(files, IsCSharpComment, ServerName()));
    }

    [Fact]
    public void Each_list_names_every_value_once()
    {
        var js = JsEntry().Matches(File.ReadAllText(ConstantsJs)).Select(m => m.Groups[2].Value);
        var cs = ServerConstants().Select(c => c.Value);

        Assert.Empty(js.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(cs.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void The_attributes_the_server_renders_are_the_ones_the_browser_reads()
    {
        var script = File.ReadAllText(ConstantsJs);

        Assert.Equal(Camel(typeof(LiveStateInterop.StatusAttributes)).OrderBy(p => p.Key), JsBlock(script, "statusAttributes").OrderBy(p => p.Key));

        // The marker's states and tag are named apart in constants.js; `attached` is the browser's own mark.
        var form = Camel(typeof(LiveStateInterop.FormAttributes));
        var states = form.Where(p => p.Key is "live" or "static").ToDictionary();
        Assert.Equal(states.OrderBy(p => p.Key), JsBlock(script, "formMarkerStates").OrderBy(p => p.Key));
        Assert.Equal($"export const formMarkerElement = '{form["markerElement"]}';", script.Split('\n').Single(l => l.StartsWith("export const formMarkerElement", StringComparison.Ordinal)));
        Assert.Equal($"export const formPendingClass = '{form["pendingClass"]}';", script.Split('\n').Single(l => l.StartsWith("export const formPendingClass", StringComparison.Ordinal)));
        var attributes = form.Where(p => p.Key is not ("live" or "static" or "markerElement" or "pendingClass")).ToDictionary();
        attributes["attached"] = "data-livestate-attached";
        Assert.Equal(attributes.OrderBy(p => p.Key), JsBlock(script, "formAttributes").OrderBy(p => p.Key));

        // What server-rendered script and the reload hand-off share with the browser modules.
        Assert.Equal(LiveStateInterop.StorageKeys.FormPrefix, JsBlock(script, "storageKeys")["formPrefix"]);
        Assert.Equal($"export const reloadHandoffCookiePrefix = '{LiveStateInterop.ReloadHandoffCookiePrefix}';", script.Split('\n').Single(l => l.StartsWith("export const reloadHandoffCookiePrefix", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_function_the_server_calls_is_one_the_browser_defines()
    {
        var initializer = File.ReadAllText(Path.Combine(Library, "wwwroot", "Blazor.LiveState.lib.module.js"));
        var api = initializer[initializer.IndexOf("window.BlazorLiveState ??=", StringComparison.Ordinal)..];
        foreach (var function in ServerConstants().Where(c => c.Value.StartsWith("BlazorLiveState.", StringComparison.Ordinal)))
        {
            // BlazorLiveState.forms.handle: a `forms: Object.freeze({` block holding `handle:`.
            var parts = function.Value.Split('.')[1..];
            var scope = parts.Length == 1 ? api : api[api.IndexOf($"  {parts[0]}: Object.freeze({{", StringComparison.Ordinal)..];
            Assert.Matches(new Regex($@"^\s+{parts[^1]}:", RegexOptions.Multiline), scope[..scope.IndexOf("}),", StringComparison.Ordinal)]);
        }

        var handle = File.ReadAllText(Path.Combine(Library, "wwwroot", "FormRecovery", "recoverableForm.js"));
        foreach (var method in typeof(LiveStateInterop.FormHandle).GetFields().Select(f => (string)f.GetRawConstantValue()!))
        {
            Assert.Matches(new Regex($@"^\s+(async )?{method}\(", RegexOptions.Multiline), handle);
        }
    }

    [Fact]
    public void The_browser_says_what_ConnectionStatus_says()
    {
        var expected = typeof(ConnectionStatusMessages).GetFields()
            .ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.Name), f => (string)f.GetRawConstantValue()!);

        Assert.Equal(expected.OrderBy(p => p.Key), JsBlock(File.ReadAllText(ConstantsJs), "statusMessages").OrderBy(p => p.Key));
    }

    [Fact]
    public void The_reconnect_modules_stand_in_config_is_the_options_defaults()
    {
        // The browser module needs a config before the server's arrives; the values' one home is LiveStateOptions.
        var script = File.ReadAllText(Path.Combine(Library, "wwwroot", "Reconnect", "reconnect.js"));
        var inScript = JsValues(Block(script, "export const defaultConfig = Object.freeze({"));
        var json = JsonSerializer.Serialize(BrowserReconnectConfig.From(new LiveStateOptions(), "1", "p1", null));
        using var document = JsonDocument.Parse(json);
        var fromOptions = document.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("schedule" or "build" or "instance" or "owner"))
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            });

        // Timings of the page itself, which no option sets.
        string[] browserOnly = ["build", "instance", "owner", "stableAfterMs", "saveTimeoutMs"];
        Assert.Equal(fromOptions.OrderBy(p => p.Key), inScript.Where(p => !browserOnly.Contains(p.Key)).OrderBy(p => p.Key));
    }

    [Fact]
    public void The_form_modules_stand_in_options_are_the_options_defaults()
    {
        var script = File.ReadAllText(Path.Combine(Library, "wwwroot", "FormRecovery", "options.js"));
        var inScript = JsValues(Block(script, "export const standInOptions = Object.freeze({"));
        var defaults = FormRecoveryBrowserDefaults();

        Assert.Equal(defaults.OrderBy(p => p.Key), inScript.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_scan_sees_a_typed_name()
    {
        // The two scans above would pass on nothing if their patterns matched nothing: they do match the real names.
        Assert.Matches(BrowserName(), "document.addEventListener('livestate:save', f)");
        Assert.Matches(BrowserName(), "element.dataset.livestateKey");
        Assert.Matches(ServerName(), "<span data-livestate-countdown>");
        Assert.Matches(ServerName(), "js.InvokeAsync<string?>(\"BlazorLiveState.drain\")");
        Assert.DoesNotMatch(ServerName(), "\"livestate:ready\"");
    }

    private static Dictionary<string, string> FormRecoveryBrowserDefaults()
    {
        var options = new FormRecoveryOptions();
        return new Dictionary<string, string>
        {
            ["timeToLiveMs"] = options.TimeToLive.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["maxBytes"] = options.MaxSnapshotCharacters.ToString(CultureInfo.InvariantCulture),
            ["saveDelayMs"] = options.SaveDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static IEnumerable<(string Name, string Value)> ServerConstants() =>
        typeof(LiveStateInterop).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(LiveStateInterop).GetNestedTypes().SelectMany(t => t.GetFields()))
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    private static Dictionary<string, string> Camel(Type names) =>
        names.GetFields().ToDictionary(f => JsonNamingPolicy.CamelCase.ConvertName(f.Name), f => (string)f.GetRawConstantValue()!);

    private static Dictionary<string, string> JsBlock(string script, string name) =>
        JsEntry().Matches(Block(script, $"export const {name} = Object.freeze({{")).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static string Block(string script, string start)
    {
        var block = script[script.IndexOf(start, StringComparison.Ordinal)..];
        return block[..block.IndexOf("});", StringComparison.Ordinal)];
    }

    // `key: value` pairs, written as JSON would write them (numbers without separators, strings bare).
    private static Dictionary<string, string> JsValues(string block) =>
        Regex.Matches(block, @"(\w+): ('[^']*'|[\w.]+),").ToDictionary(
            m => m.Groups[1].Value,
            m => m.Groups[2].Value.StartsWith('\'')
                ? m.Groups[2].Value.Trim('\'')
                : m.Groups[2].Value.Replace("_", "", StringComparison.Ordinal) switch
                {
                    "null" => "",
                    var v => v,
                });

    /// <summary>The library's own files with these extensions (not its build output).</summary>
    private static IEnumerable<string> SourceFiles(params string[] extensions) =>
        Directory.EnumerateFiles(Library, "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Each name the pattern finds in the files' code, as <c>file:line: name</c>.</summary>
    private static List<string> Strays(IEnumerable<string> files, Func<string, bool> isComment, Regex pattern) =>
        files.SelectMany(file => CodeLines(file, isComment).SelectMany(line => pattern.Matches(line.Text)
                .Select(m => $"{Relative(file)}:{line.Number}: {m.Value}")))
            .ToList();

    private static bool IsJsComment(string trimmed) => trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*') || trimmed.StartsWith("/*", StringComparison.Ordinal);

    private static bool IsCSharpComment(string trimmed) => trimmed.StartsWith("//", StringComparison.Ordinal);

    /// <summary>A file's lines that are code: comment lines and Razor comment blocks left out, and trailing // comments cut.</summary>
    private static IEnumerable<(int Number, string Text)> CodeLines(string file, Func<string, bool> isComment)
    {
        var inRazorComment = false;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            var trimmed = line.TrimStart();
            if (inRazorComment || trimmed.StartsWith("@*", StringComparison.Ordinal))
            {
                inRazorComment = !line.Contains("*@", StringComparison.Ordinal);
                continue;
            }

            if (!isComment(trimmed))
            {
                var comment = line.IndexOf(" // ", StringComparison.Ordinal);
                yield return (number, comment < 0 ? line : line[..comment]);
            }
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(Library, file);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Blazor.LiveState.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Blazor.LiveState.sln above {AppContext.BaseDirectory}.");
    }
}
