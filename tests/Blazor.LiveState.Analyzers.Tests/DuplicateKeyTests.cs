using System.Globalization;
using Blazor.LiveState.Analyzers.Tests.Infrastructure;

namespace Blazor.LiveState.Analyzers.Tests;

/// <summary>LIVESTATE006 (two [UrlState] properties, one query key) and LIVESTATE007 (two [TabState] properties, one name).</summary>
public sealed class DuplicateKeyTests
{
    [Fact]
    public Task Two_properties_named_to_one_query_key_are_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState(Name = "q")] public string Search { get; set; } = "";
            [UrlState(Name = "q")] public string {|LIVESTATE006:Query|} { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task Keys_that_differ_only_in_case_are_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
            [UrlState(Name = "PAGE")] public int {|LIVESTATE006:Other|} { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task A_property_that_takes_a_base_class_key_is_reported_on_the_derived_class() => TestProject.App("""
        public class PagedList : LiveComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public class Orders : PagedList
        {
            [UrlState(Name = "page")] public int {|LIVESTATE006:OrderPage|} { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Distinct_keys_and_one_key_shared_by_url_and_tab_state_are_not_reported() => TestProject.App("""
        public class Catalog : LiveComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
            [UrlState(Name = " ")] public int PageSize { get; set; } = 20;
            [TabState(Name = "page")] public int LastPage { get; set; }
        }

        public class Orders : Catalog
        {
            [UrlState(Name = "status")] public string Filter { get; set; } = "";
        }
        """).VerifyAsync();

    [Fact]
    public Task A_property_that_hides_a_base_property_of_the_same_name_is_not_reported() => TestProject.App("""
        public class PagedList : LiveComponentBase
        {
            [UrlState] public int Page { get; set; } = 1;
        }

        public class Orders : PagedList
        {
            [UrlState] public new int Page { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public Task Two_tab_state_properties_saved_under_one_name_are_reported() => TestProject.App("""
        public class Wizard : LiveComponentBase
        {
            [TabState] public int Step { get; set; } = 1;
            [TabState(Name = "Step")] public int {|LIVESTATE007:CurrentStep|} { get; set; } = 1;
            [TabState(Name = "step")] public int LowerCaseStep { get; set; } = 1;
        }
        """).VerifyAsync();

    [Fact]
    public async Task The_message_names_the_component_the_key_and_both_properties()
    {
        var diagnostics = await TestProject.App("""
            public class Catalog : LiveComponentBase
            {
                [UrlState(Name = "q")] public string Search { get; set; } = "";
                [UrlState(Name = "q")] public string Query { get; set; } = "";
            }
            """).AnalyzeAsync();

        Assert.Equal(
            "'Catalog' has two [UrlState] properties with the query key 'q': 'Search' and 'Query'",
            Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }
}
