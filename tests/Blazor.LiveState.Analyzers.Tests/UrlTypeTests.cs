using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE004: a [UrlState] type that neither the kit nor a converter the project registers handles.</summary>
public sealed class UrlTypeTests
{
    private const string Setup = SharedTypes.Setup;

    [Fact]
    public Task Type_no_converter_handles_is_reported() => TestProject.App("""
        public class Links : LiveComponentBase
        {
            [UrlState] public Uri? {|LIVESTATE004:Target|} { get; set; }
            [UrlState] public List<List<int>> {|LIVESTATE004:Grid|} { get; set; } = [];
            [UrlState] public (int X, int Y) {|LIVESTATE004:Point|} { get; set; }
            [UrlState] public int[,] {|LIVESTATE004:Matrix|} { get; set; } = new int[0, 0];
        }
        """ + Setup).VerifyAsync();

    [Fact]
    public async Task The_message_names_the_type_and_the_property()
    {
        var diagnostics = await TestProject.App("""
            public class Links : LiveComponentBase
            {
                [UrlState] public Uri? Target { get; set; }
            }
            """ + Setup).AnalyzeAsync();

        Assert.Equal(
            "[UrlState] cannot read or write 'System.Uri?' (property 'Target'): name a converter with [UrlState(Converter = typeof(...))] or register one with o.UrlState.AddConverter(...)",
            Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Every_kind_of_type_the_kit_converts_is_not_reported() => TestProject.App("""
        public class Everything : LiveComponentBase
        {
            [UrlState] public string Text { get; set; } = "";
            [UrlState] public bool Flag { get; set; }
            [UrlState] public byte Byte { get; set; }
            [UrlState] public long Long { get; set; }
            [UrlState] public ulong ULong { get; set; }
            [UrlState] public Int128 Huge { get; set; }
            [UrlState] public Half Half { get; set; }
            [UrlState] public decimal Price { get; set; }
            [UrlState] public double? Ratio { get; set; }
            [UrlState] public Guid Id { get; set; }
            [UrlState] public DateTime At { get; set; }
            [UrlState] public DateTimeOffset AtOffset { get; set; }
            [UrlState] public DateOnly Day { get; set; }
            [UrlState] public TimeOnly Time { get; set; }
            [UrlState] public TimeSpan Span { get; set; }
            [UrlState] public Sort Order { get; set; }
            [UrlState] public Sort? MaybeOrder { get; set; }
            [UrlState] public Sku Sku { get; set; }
            [UrlState] public char Letter { get; set; }
            [UrlState] public int[] Ids { get; set; } = [];
            [UrlState] public List<string> Tags { get; set; } = [];
            [UrlState] public IReadOnlyList<int?> Slots { get; set; } = [];
            [UrlState] public IEnumerable<Sort> Orders { get; set; } = [];
            [UrlState] public ICollection<Guid> Picked { get; set; } = [];
        }
        """ + SharedTypes.Parsables + Setup).VerifyAsync();

    [Fact]
    public Task Type_with_a_converter_the_project_registers_is_not_reported_also_nullable_and_in_lists() => TestProject.App("""
        public class Map : LiveComponentBase
        {
            [UrlState] public Point Center { get; set; }
            [UrlState] public Point? Marker { get; set; }
            [UrlState] public List<Point> Route { get; set; } = [];
        }

        public static class Startup
        {
            public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                services.AddLiveState(o => o.UrlState.AddConverter(new PointConverter()));
        }
        """ + SharedTypes.Point).VerifyAsync();

    [Fact]
    public Task A_converter_registered_for_the_nullable_form_does_not_count_as_the_kit_looks_up_the_plain_type() => TestProject.App("""
        public readonly record struct Point(int X, int Y);

        public sealed class MaybePointConverter : IUrlValueConverter<Point?>
        {
            public string Format(Point? value) => "";

            public bool TryParse(string text, out Point? value)
            {
                value = null;
                return false;
            }
        }

        public class Map : LiveComponentBase
        {
            [UrlState] public Point? {|LIVESTATE004:Marker|} { get; set; }
        }

        public static class Startup
        {
            public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                services.AddLiveState(o => o.UrlState.AddConverter(new MaybePointConverter()));
        }
        """).VerifyAsync();

    [Fact]
    public Task A_type_parsable_only_as_its_base_is_reported() => TestProject.App("""
        public class Lookup : LiveComponentBase
        {
            [UrlState] public Code? Code { get; set; }
            [UrlState] public ShortCode? {|LIVESTATE004:Short|} { get; set; }
        }
        """ + SharedTypes.Parsables + Setup).VerifyAsync();

    [Fact]
    public Task A_project_that_does_not_call_AddLiveState_is_not_checked_since_the_app_may_register_the_converter() => TestProject.Library("""
        public sealed class Links : LiveComponentBase
        {
            [UrlState] public Uri? Target { get; set; }
        }
        """).VerifyAsync();

    [Fact]
    public Task A_converter_registered_for_a_type_parameter_may_be_for_any_type_so_nothing_is_reported() => TestProject.App("""
        public class Links : LiveComponentBase
        {
            [UrlState] public Uri? Target { get; set; }
        }

        public static class Startup
        {
            public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                services.AddLiveState();

            public static void Register<T>(UrlStateOptions options, IUrlValueConverter<T> converter) => options.AddConverter(converter);
        }
        """).VerifyAsync();

    [Fact]
    public Task A_generic_component_property_of_its_type_parameter_is_not_reported() => TestProject.App("""
        public class Picker<TItem> : LiveComponentBase
        {
            [UrlState] public TItem? Selected { get; set; }
            [UrlState] public List<TItem> Chosen { get; set; } = [];
        }
        """ + Setup).VerifyAsync();

    [Fact]
    public Task A_library_that_calls_AddLiveState_itself_is_checked() => TestProject.Library("""
        public sealed class Links : LiveComponentBase
        {
            [UrlState] public Uri? {|LIVESTATE004:Target|} { get; set; }
        }
        """ + Setup).VerifyAsync();

    [Fact]
    public Task A_bUnit_test_project_that_sets_the_kit_up_with_the_Testing_package_is_checked() => TestProject.Library("""
        public sealed class Links : LiveComponentBase
        {
            [UrlState] public Uri? {|LIVESTATE004:Target|} { get; set; }
        }

        public sealed class LinksTests
        {
            public void Renders()
            {
                using var context = new Bunit.BunitContext();
                Blazor.LiveState.Testing.LiveStateBunitExtensions.AddLiveState(context);
            }
        }
        """).VerifyAsync();
}
