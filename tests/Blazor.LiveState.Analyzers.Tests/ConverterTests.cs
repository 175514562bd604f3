using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE005: the converter named with [UrlState(Converter = typeof(...))] cannot be used.</summary>
public sealed class ConverterTests
{
    private const string Converters = SharedTypes.Point + SharedTypes.UnfitConverters;

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
        public class Pager : LiveComponentBase
        {
            [UrlState(Converter = typeof(MaybeIntConverter))] public int? {|LIVESTATE005:Page|} { get; set; }
        }
        """ + Converters).VerifyAsync();

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
