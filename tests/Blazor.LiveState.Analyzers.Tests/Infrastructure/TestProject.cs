using System.Globalization;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Blazor.LiveState.Analyzers.Tests.Infrastructure;

/// <summary>
/// One C# project compiled in memory against the real Blazor.LiveState and ASP.NET Core assemblies, with the
/// diagnostics it should raise marked in its source as <c>{|LIVESTATE001:Page|}</c> (as Roslyn's own analyzer
/// tests mark them).
/// </summary>
internal sealed partial class TestProject
{
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading.Tasks;
        global using Blazor.LiveState;
        global using Microsoft.AspNetCore.Components;
        global using Microsoft.Extensions.DependencyInjection;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkAndKit = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p))]);

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [new LiveStatePropertyAnalyzer(), new LiveStateUsageAnalyzer(), new FormRecoveryModelAnalyzer()];

    private readonly string _source;
    private readonly IReadOnlyList<(string Id, TextSpan Span)> _expected;
    private readonly OutputKind _kind;
    private readonly List<MetadataReference> _libraries = [];

    private TestProject(string markup, OutputKind kind)
    {
        (_source, _expected) = ParseMarkup(markup);
        _kind = kind;
    }

    /// <summary>An app (an executable, as a Blazor Web App is): no other project can derive from its components.</summary>
    public static TestProject App(string markup) => new(markup, OutputKind.ConsoleApplication);

    /// <summary>A class library (a Razor class library, a test project).</summary>
    public static TestProject Library(string markup) => new(markup, OutputKind.DynamicallyLinkedLibrary);

    /// <summary>Adds a reference to another library, compiled from <paramref name="source"/> against the kit.</summary>
    public TestProject WithLibrary(string name, string source)
    {
        var library = Compile(name, source, OutputKind.DynamicallyLinkedLibrary, []);
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        _libraries.Add(MetadataReference.CreateFromImage(image.ToArray()));
        return this;
    }

    /// <summary>Runs both analyzers and asserts they report exactly the marked diagnostics.</summary>
    public async Task VerifyAsync()
    {
        var diagnostics = await AnalyzeAsync();
        var actual = diagnostics.Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(d => d.SourceSpan.Start).ThenBy(d => d.Id).ToList();
        var expected = _expected.OrderBy(d => d.Span.Start).ThenBy(d => d.Id).ToList();
        Assert.True(expected.SequenceEqual(actual), $"""
            Expected:
            {Describe(expected)}
            Reported:
            {string.Join('\n', diagnostics.Select(d => $"  {d.Id} at {Describe(d.Location.SourceSpan)}: {d.GetMessage(CultureInfo.InvariantCulture)}"))}
            """);
    }

    /// <summary>The analyzers' diagnostics in the project's source, in order.</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync()
    {
        var compilation = Compile("TestProject", _source, _kind, _libraries);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"The test's code does not compile:\n{string.Join('\n', errors)}");
        var diagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>Compiles the project (markup removed) and loads it, to ask the kit's runtime what it makes of the same code.</summary>
    public Assembly Load()
    {
        var compilation = Compile($"TestProject{Guid.NewGuid():N}", _source, OutputKind.DynamicallyLinkedLibrary, _libraries);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    private static CSharpCompilation Compile(string name, string source, OutputKind kind, IEnumerable<MetadataReference> libraries)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        List<SyntaxTree> trees = [CSharpSyntaxTree.ParseText(source, parse, "Test.cs"), CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.cs")];
        if (kind != OutputKind.DynamicallyLinkedLibrary)
        {
            trees.Add(CSharpSyntaxTree.ParseText("internal static class TestEntryPoint { private static void Main() { } }", parse, "Program.cs"));
        }

        return CSharpCompilation.Create(
            name, trees, [.. FrameworkAndKit.Value, .. libraries],
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
    }

    private string Describe(TextSpan span)
    {
        var position = SourceText.From(_source).Lines.GetLinePosition(span.Start);
        return $"line {position.Line + 1}, column {position.Character + 1} ('{_source.Substring(span.Start, span.Length)}')";
    }

    private string Describe(IEnumerable<(string Id, TextSpan Span)> diagnostics) =>
        string.Join('\n', diagnostics.Select(d => $"  {d.Id} at {Describe(d.Span)}"));

    /// <summary>Removes every <c>{|ID:text|}</c> mark, keeping the text and where it is.</summary>
    private static (string Source, IReadOnlyList<(string Id, TextSpan Span)> Expected) ParseMarkup(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var removed = 0;
        var source = Mark().Replace(markup, match =>
        {
            var text = match.Groups["text"].Value;
            expected.Add((match.Groups["id"].Value, new TextSpan(match.Index - removed, text.Length)));
            removed += match.Length - text.Length;
            return text;
        });
        return (source, expected);
    }

    [GeneratedRegex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<text>.*?)\|\}")]
    private static partial Regex Mark();
}
