using Bunit;

namespace Blazor.LiveState.Tests.UrlState;

public sealed class UrlStateReadTests : UrlStateTestContext
{
    [Fact]
    public void Query_values_are_read_before_OnInitialized_runs()
    {
        Navigation.NavigateTo("/catalog?q=red%20shoes&page=3&sort=price&tag=summer&tag=sale&size=42");

        var cut = Render<Catalog>();

        Assert.Equal(new Catalog.Seen("red shoes", 3, Catalog.SortOrder.Price, "summer,sale", 42), cut.Instance.SeenInOnInitialized);
        Assert.Equal("3", cut.Find("[data-testid=page]").TextContent);
        Assert.Equal("summer,sale", cut.Find("[data-testid=tags]").TextContent);
    }

    [Theory]
    [InlineData("price")]
    [InlineData("PRICE")]
    [InlineData("pRiCe")]
    public void Enum_is_read_by_name_case_insensitively(string value)
    {
        Navigation.NavigateTo($"/catalog?sort={value}");

        var cut = Render<Catalog>();

        Assert.Equal(Catalog.SortOrder.Price, cut.Instance.SeenInOnInitialized!.Sort);
        Assert.Empty(MalformedValueWarnings);
    }

    [Fact]
    public void Keys_missing_from_the_query_keep_the_defaults_and_nullable_int_stays_null()
    {
        Navigation.NavigateTo("/catalog?unrelated=1");

        var cut = Render<Catalog>();

        Assert.Equal(new Catalog.Seen("", 1, Catalog.SortOrder.Name, "", null), cut.Instance.SeenInOnInitialized);
        Assert.Empty(MalformedValueWarnings);
    }

    [Fact]
    public void Empty_value_of_a_nullable_int_reads_as_null()
    {
        Navigation.NavigateTo("/catalog?size=");

        var cut = Render<Catalog>();

        Assert.Null(cut.Instance.SeenInOnInitialized!.Size);
        Assert.Empty(MalformedValueWarnings);
    }

    [Fact]
    public void Reading_the_URL_makes_no_navigation_and_no_JS_call()
    {
        Navigation.NavigateTo("/catalog?page=2");
        var before = Navigations;

        Render<Catalog>();

        Assert.Equal(before, Navigations);
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void External_navigation_updates_the_properties_rerenders_and_calls_OnUrlStateChangedAsync()
    {
        Navigation.NavigateTo("/catalog?page=2");
        var cut = Render<Catalog>();

        Navigation.NavigateTo("/catalog?page=5&sort=newest&tag=a&tag=b&size=7");

        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=page]").TextContent));
        Assert.Equal(Catalog.SortOrder.Newest, cut.Instance.Sort);
        Assert.Equal(["a", "b"], cut.Instance.Tags);
        Assert.Equal(7, cut.Instance.Size);
        Assert.Equal("a,b", cut.Find("[data-testid=tags]").TextContent);
        Assert.Equal(1, cut.Instance.UrlStateChangedCalls);
    }

    [Fact]
    public void External_navigation_that_drops_a_key_puts_the_default_back()
    {
        Navigation.NavigateTo("/catalog?page=4&q=shoes");
        var cut = Render<Catalog>();

        // As Back to the page before the search.
        Navigation.NavigateTo("/catalog?q=shoes");

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=page]").TextContent));
        Assert.Equal("shoes", cut.Instance.Search);
        Assert.Equal(1, cut.Instance.UrlStateChangedCalls);
        Assert.Equal("http://localhost/catalog?q=shoes", Navigation.Uri);
    }

    [Fact]
    public void External_navigation_to_the_same_values_does_not_call_OnUrlStateChangedAsync()
    {
        Navigation.NavigateTo("/catalog?page=2");
        var cut = Render<Catalog>();

        Navigation.NavigateTo("/catalog?page=2&unrelated=x");

        Assert.Equal(2, cut.Instance.Page);
        Assert.Equal(0, cut.Instance.UrlStateChangedCalls);
    }

    [Fact]
    public async Task Disposed_component_is_no_longer_touched_by_navigation()
    {
        Navigation.NavigateTo("/catalog?page=2");
        var cut = Render<Catalog>();
        var catalog = cut.Instance;
        var navigationsBefore = Navigations;

        await DisposeComponentsAsync();
        Navigation.NavigateTo("/catalog?page=9&sort=price");

        Assert.Equal(2, catalog.Page);
        Assert.Equal(Catalog.SortOrder.Name, catalog.Sort);
        Assert.Equal(0, catalog.UrlStateChangedCalls);
        // Only the test's own navigation: the disposed component wrote nothing back.
        Assert.Equal(navigationsBefore + 1, Navigations);
        Assert.Equal("http://localhost/catalog?page=9&sort=price", Navigation.Uri);
    }
}
