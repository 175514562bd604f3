using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE002 (no getter and setter, an indexer) and LIVESTATE003 (static).</summary>
public sealed class PropertyShapeTests
{
    [Fact]
    public Task Getter_only_property_is_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int {|LIVESTATE002:Page|} => 1;
            [TabState] public int {|LIVESTATE002:Step|} { get; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Setter_only_property_is_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            private int _page;

            [UrlState] public int {|LIVESTATE002:Page|} { set => _page = value; }
        }
        """).VerifyAsync();

    [Fact]
    public Task Indexer_is_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int {|LIVESTATE002:this|}[int index] { get => index; set { } }
        }
        """).VerifyAsync();

    [Fact]
    public Task Override_without_a_setter_of_an_attributed_property_is_reported() => TestProject.App("""
        public class PagedList : LiveComponentBase
        {
            [UrlState] public virtual int Page { get; set; } = 1;
        }

        public class FirstPageOnly : PagedList
        {
            public override int {|LIVESTATE002:Page|} => 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Private_init_and_non_public_accessors_are_not_reported_since_the_kit_uses_them() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int Page { get; private set; } = 1;
            [UrlState] public string Search { get; init; } = "";
            [TabState] private int Step { get; set; } = 1;
            [TabState] internal string Note { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task Static_property_is_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public static int {|LIVESTATE003:Page|} { get; set; } = 1;
            [TabState] private static int {|LIVESTATE003:Step|} { get; set; }
        }
        """).VerifyAsync();

    [Fact]
    public async Task The_messages_name_the_attribute_and_the_property()
    {
        var diagnostics = await TestProject.App("""
            public class Catalog : LiveComponentBase
            {
                [UrlState] public int Page => 1;
                [TabState] public static int Step { get; set; }
            }
            """).AnalyzeAsync();

        Assert.Equal(
            ["[UrlState] property 'Page' must have a getter and a setter", "[TabState] on static property 'Step' does nothing: only instance properties are bound"],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }
}
