using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE005: the converter named with [UrlState(Converter = typeof(...))] cannot be used.</summary>
public sealed class ConverterTests
{
    private const string Converters = """

        public readonly record struct Point(int X, int Y);

        public sealed class PointConverter : IUrlValueConverter<Point>
        {
            public string Format(Point value) => $"{value.X}_{value.Y}";

            public bool TryParse(string text, out Point value)
            {
                value = default;
                return false;
            }
        }

        public sealed class UpperConverter : IUrlValueConverter<string>
        {
            public string Format(string value) => value.ToUpperInvariant();

            public bool TryParse(string text, out string value)
            {
                value = text;
                return true;
            }
        }

        public sealed class ConfiguredPointConverter(string separator) : IUrlValueConverter<Point>
        {
            public string Format(Point value) => $"{value.X}{separator}{value.Y}";

            public bool TryParse(string text, out Point value)
            {
                value = default;
                return false;
            }
        }

        public abstract class PointConverterBase : IUrlValueConverter<Point>
        {
            public abstract string Format(Point value);

            public abstract bool TryParse(string text, out Point value);
        }

        public sealed class NotAConverter;
        """;

    [Fact]
    public Task Converter_for_another_type_is_reported() => TestProject.App("""
        public class Map : LiveComponentBase
        {
            [UrlState(Converter = typeof(UpperConverter))] public Point {|LIVESTATE005:Center|} { get; set; }
            [UrlState(Converter = typeof(PointConverter))] public List<string> {|LIVESTATE005:Names|} { get; set; } = [];
        }
        """ + Converters).VerifyAsync();

    [Fact]
    public Task Type_that_is_not_a_converter_is_reported() => TestProject.App("""
        public class Map : LiveComponentBase
        {
            [UrlState(Converter = typeof(NotAConverter))] public Point {|LIVESTATE005:Center|} { get; set; }
        }
        """ + Converters).VerifyAsync();

    [Fact]
    public Task Converter_the_kit_cannot_create_is_reported() => TestProject.App("""
        public class Map : LiveComponentBase
        {
            [UrlState(Converter = typeof(ConfiguredPointConverter))] public Point {|LIVESTATE005:Center|} { get; set; }
            [UrlState(Converter = typeof(PointConverterBase))] public Point {|LIVESTATE005:Corner|} { get; set; }
            [UrlState(Converter = typeof(IUrlValueConverter<Point>))] public Point {|LIVESTATE005:Origin|} { get; set; }
        }
        """ + Converters).VerifyAsync();

    [Fact]
    public Task Converter_of_the_nullable_form_is_reported_as_the_kit_converts_the_plain_value() => TestProject.App("""
        public sealed class MaybeIntConverter : IUrlValueConverter<int?>
        {
            public string Format(int? value) => "";

            public bool TryParse(string text, out int? value)
            {
                value = null;
                return false;
            }
        }

        public class Pager : LiveComponentBase
        {
            [UrlState(Converter = typeof(MaybeIntConverter))] public int? {|LIVESTATE005:Page|} { get; set; }
        }
        """).VerifyAsync();

    [Fact]
    public Task Converter_of_the_type_its_nullable_form_or_its_items_is_not_reported() => TestProject.App("""
        public class Map : LiveComponentBase
        {
            [UrlState(Converter = typeof(PointConverter))] public Point Center { get; set; }
            [UrlState(Converter = typeof(PointConverter))] public Point? Marker { get; set; }
            [UrlState(Converter = typeof(PointConverter))] public Point[] Corners { get; set; } = [];
            [UrlState(Converter = typeof(PointConverter))] public IReadOnlyList<Point?> Route { get; set; } = [];
            [UrlState(Converter = typeof(UpperConverter))] public string Search { get; set; } = "";
        }
        """ + Converters).VerifyAsync();

    [Fact]
    public async Task The_message_says_what_the_converter_lacks()
    {
        var diagnostics = await TestProject.App("""
            public class Map : LiveComponentBase
            {
                [UrlState(Converter = typeof(UpperConverter))] public Point Center { get; set; }
                [UrlState(Converter = typeof(NotAConverter))] public Point Corner { get; set; }
                [UrlState(Converter = typeof(ConfiguredPointConverter))] public Point Origin { get; set; }
            }
            """ + Converters).AnalyzeAsync();

        Assert.Equal(
            [
                "The converter 'UpperConverter' named on 'Center' does not convert 'Point' (it must implement IUrlValueConverter<Point>)",
                "The converter 'NotAConverter' named on 'Corner' does not implement IUrlValueConverter<T>",
                "The converter 'ConfiguredPointConverter' named on 'Origin' cannot be created: it must be a concrete, closed type with a public parameterless constructor",
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
