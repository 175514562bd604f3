using Bunit;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>The explicit way, for components that cannot inherit <see cref="LiveComponentBase"/>.</summary>
public sealed class LiveStateBinderTests : UrlStateTestContext
{
    [Fact]
    public void Binder_reads_the_query_before_OnInitialized_runs()
    {
        Navigation.NavigateTo("/binder?page=4&q=boots");

        var cut = Render<BinderPager>();

        Assert.Equal((4, "boots"), cut.Instance.SeenInOnInitialized);
        Assert.Equal("4", cut.Find("[data-testid=page]").TextContent);
    }

    [Fact]
    public void Binder_writes_a_click_to_the_URL_in_one_replacing_navigation()
    {
        Navigation.NavigateTo("/binder?q=boots");
        var cut = Render<BinderPager>();
        var navigations = Navigations;

        cut.Find("[data-testid=next]").Click();

        WaitForUri("http://localhost/binder?q=boots&page=2");
        Assert.Equal(navigations + 1, Navigations);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Binder_follows_external_navigation_and_rerenders()
    {
        Navigation.NavigateTo("/binder?page=2");
        var cut = Render<BinderPager>();

        Navigation.NavigateTo("/binder?page=6&q=hats");

        cut.WaitForAssertion(() => Assert.Equal("6", cut.Find("[data-testid=page]").TextContent));
        Assert.Equal("hats", cut.Instance.Search);
    }

    [Fact]
    public void Binder_with_a_malformed_value_keeps_default_and_logs_one_warning()
    {
        Navigation.NavigateTo("/binder?page=99999999999999999999");

        var cut = Render<BinderPager>();

        Assert.Equal((1, ""), cut.Instance.SeenInOnInitialized);
        Assert.Single(MalformedValueWarnings);
    }

    [Fact]
    public async Task Disposed_binder_is_no_longer_touched_by_navigation()
    {
        Navigation.NavigateTo("/binder?page=3");
        var cut = Render<BinderPager>();
        var pager = cut.Instance;

        await DisposeComponentsAsync();
        Navigation.NavigateTo("/binder?page=8");

        Assert.Equal(3, pager.Page);
    }
}
