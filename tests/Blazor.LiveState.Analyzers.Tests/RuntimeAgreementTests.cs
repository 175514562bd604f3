using System.Globalization;
using System.Reflection;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>
/// The analyzers against the kit itself: each component below is compiled, analyzed, then loaded and bound by
/// the kit's own LiveComponentMetadata, exactly as at its first render. The analyzers report a mistake exactly
/// when the kit throws on it.
/// </summary>
public sealed class RuntimeAgreementTests
{
    private static readonly string[] MistakeIds = ["LIVESTATE002", "LIVESTATE004", "LIVESTATE005", "LIVESTATE006", "LIVESTATE007", "LIVESTATE008"];

    private const string Types = SharedTypes.Parsables + SharedTypes.Point + SharedTypes.UnfitConverters + "public sealed class Order { public string Name { get; set; } = \"\"; }";

    [Theory]
    [InlineData("[UrlState] public int Page { get; set; }")]
    [InlineData("[UrlState] public int Page => 1;")]
    [InlineData("[UrlState] public int Page { get; private set; }")]
    [InlineData("[UrlState] public string Search { get; init; } = \"\";")]
    [InlineData("[TabState] private int Step { get; set; }")]
    [InlineData("[TabState] public int Step { get; }")]
    [InlineData("[UrlState] public int this[int i] { get => i; set { } }")]
    [InlineData("[UrlState] public Uri? Target { get; set; }")]
    [InlineData("[UrlState] public object? Anything { get; set; }")]
    [InlineData("[UrlState] public (int, int) Pair { get; set; }")]
    [InlineData("[UrlState] public List<List<int>> Grid { get; set; } = [];")]
    [InlineData("[UrlState] public HashSet<int> Set { get; set; } = [];")]
    [InlineData("[UrlState] public int[,] Matrix { get; set; } = new int[0, 0];")]
    [InlineData("[UrlState] public IList<DayOfWeek> Days { get; set; } = [];")]
    [InlineData("[UrlState] public IEnumerable<Sort?> Sorts { get; set; } = [];")]
    [InlineData("[UrlState] public char Letter { get; set; }")]
    [InlineData("[UrlState] public nint Native { get; set; }")]
    [InlineData("[UrlState] public System.Numerics.BigInteger Big { get; set; }")]
    [InlineData("[UrlState] public Version? Version { get; set; }")]
    [InlineData("[UrlState] public Sku Sku { get; set; }")]
    [InlineData("[UrlState] public Code? Code { get; set; }")]
    [InlineData("[UrlState] public ShortCode? Short { get; set; }")]
    [InlineData("[UrlState] public Point Center { get; set; }")]
    [InlineData("[UrlState(Converter = typeof(PointConverter))] public Point[] Corners { get; set; } = [];")]
    [InlineData("[UrlState(Converter = typeof(PointConverter))] public List<Point?> Route { get; set; } = [];")]
    [InlineData("[UrlState(Converter = typeof(UpperConverter))] public Point Center { get; set; }")]
    [InlineData("[UrlState(Converter = typeof(NotAConverter))] public Point Center { get; set; }")]
    [InlineData("[UrlState(Converter = typeof(ConfiguredPointConverter))] public Point Center { get; set; }")]
    [InlineData("[UrlState(Converter = typeof(PointConverterBase))] public Point Center { get; set; }")]
    [InlineData("[UrlState(Converter = typeof(MaybeIntConverter))] public int? Page { get; set; }")]
    [InlineData("[UrlState(Name = \"q\")] public string A { get; set; } = \"\"; [UrlState(Name = \"Q\")] public string B { get; set; } = \"\";")]
    [InlineData("[UrlState] public int Page { get; set; } [UrlState(Name = \" \")] public int Size { get; set; }")]
    [InlineData("[TabState] public int Step { get; set; } [TabState(Name = \"Step\")] public int Other { get; set; }")]
    [InlineData("[TabState] public int Step { get; set; } [TabState(Name = \"step\")] public int Other { get; set; }")]
    [InlineData("[FormRecoveryModel] private readonly Order _order = new();")]
    [InlineData("[FormRecoveryModel] private Order Model { get; } = new();")]
    [InlineData("[FormRecoveryModel] private Order Model { set { } }")]
    [InlineData("[FormRecoveryModel] public Order this[int i] { get => new(); set { } }")]
    public async Task A_mistake_is_reported_exactly_when_the_kit_throws_on_it(string members)
    {
        await AssertAgreementAsync($"public class C : LiveComponentBase {{ {members} }}" + Types);
    }

    [Fact]
    public Task Override_without_a_setter_agrees_with_the_kit() => AssertAgreementAsync("""
        public class B : LiveComponentBase
        {
            [UrlState] public virtual int Page { get; set; }
        }

        public class C : B
        {
            public override int Page => 1;
        }
        """);

    [Fact]
    public Task A_base_class_key_taken_again_agrees_with_the_kit() => AssertAgreementAsync("""
        public class B : LiveComponentBase
        {
            [UrlState] public int Page { get; set; }
        }

        public class C : B
        {
            [UrlState(Name = "page")] public int Other { get; set; }
        }
        """);

    [Fact]
    public Task A_converter_the_project_registers_agrees_with_the_kit() => AssertAgreementAsync(
        "public class C : LiveComponentBase { [UrlState] public Point Center { get; set; } [UrlState] public List<Point?> Route { get; set; } = []; }" + Types,
        "o.UrlState.AddConverter(new PointConverter())",
        RegisterPointConverter);

    [Fact]
    public async Task A_static_property_the_analyzer_reports_is_one_the_kit_ignores()
    {
        var project = TestProject.App("public class C : LiveComponentBase { [UrlState] public static int Page { get; set; } [UrlState] public int Size { get; set; } }" + Setup(""));

        var diagnostic = Assert.Single(await project.AnalyzeAsync());

        Assert.Equal("LIVESTATE003", diagnostic.Id);
        Assert.Equal(["Size"], RuntimeRules.BoundProperties(project.Load().Type("C")));
    }

    private static async Task AssertAgreementAsync(string source, string registrations = "", Action<LiveStateOptions, Assembly>? register = null)
    {
        var project = TestProject.App(source + Setup(registrations));

        var reported = (await project.AnalyzeAsync()).Where(d => MistakeIds.Contains(d.Id)).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        var assembly = project.Load();
        var thrown = RuntimeRules.BindingError(assembly.Type("C"), o => register?.Invoke(o, assembly));

        Assert.True(
            (reported.Count > 0) == (thrown is not null),
            $"The kit {(thrown is null ? "binds the component" : $"throws: {thrown}")}; the analyzers report {(reported.Count == 0 ? "nothing" : string.Join("; ", reported))}.");
    }

    private static string Setup(string registrations) => $$"""

        public static class Startup
        {
            public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                services.AddLiveState(o => { {{registrations}}; });
        }
        """;

    /// <summary>What the compiled project's AddConverter call does at run time, with its own Point and PointConverter types.</summary>
    private static void RegisterPointConverter(LiveStateOptions options, Assembly project)
    {
        var addConverter = typeof(UrlStateOptions).GetMethod(nameof(UrlStateOptions.AddConverter))!.MakeGenericMethod(project.Type("Point"));
        addConverter.Invoke(options.UrlState, [Activator.CreateInstance(project.Type("PointConverter"))]);
    }
}
