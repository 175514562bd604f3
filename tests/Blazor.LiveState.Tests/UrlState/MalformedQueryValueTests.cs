using Bunit;

namespace Blazor.LiveState.Tests.UrlState;

public sealed class MalformedQueryValueTests : UrlStateTestContext
{
    private static readonly Catalog.Seen Defaults = new("", 1, Catalog.SortOrder.Name, "", null);

    [Theory]
    [InlineData("page=abc", "'page'")]
    [InlineData("page=99999999999999999999", "'page'")]
    [InlineData("page=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'page'")]
    [InlineData("page=1%2C5", "'page'")]
    [InlineData("sort=cheapest", "'sort'")]
    [InlineData("sort=1", "'sort'")]
    [InlineData("size=ten", "'size'")]
    public void Malformed_query_value_keeps_default_and_logs_one_warning(string query, string key)
    {
        Navigation.NavigateTo("/catalog?" + query);

        var cut = Render<Catalog>();

        Assert.Equal(Defaults, cut.Instance.SeenInOnInitialized);
        var warning = Assert.Single(MalformedValueWarnings);
        Assert.Contains(key, warning, StringComparison.Ordinal);
        Assert.Contains("not a valid value of its type", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_character_value_keeps_default_and_logs_one_short_warning()
    {
        Navigation.NavigateTo("/catalog?q=" + new string('x', 10_000));

        var cut = Render<Catalog>();

        Assert.Equal("", cut.Instance.Search);
        var warning = Assert.Single(MalformedValueWarnings);
        Assert.Contains("longer than 2048 characters", warning, StringComparison.Ordinal);
        Assert.Contains("(10000 characters)", warning, StringComparison.Ordinal);
        Assert.True(warning.Length < 500, "The log shows a preview, not the whole value.");
    }

    [Fact]
    public void Malformed_value_with_newlines_and_bidi_overrides_is_logged_as_one_clean_line()
    {
        Navigation.NavigateTo("/catalog?page=" + Uri.EscapeDataString("1\nWarning: FAKE line \u202Etxt.exe"));

        Render<Catalog>();

        var warning = Assert.Single(MalformedValueWarnings);
        Assert.DoesNotContain('\n', warning);
        Assert.DoesNotContain('\u202E', warning);
        Assert.Contains("\"1?Warning: FAKE line ?txt.exe\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_malformed_value_logs_its_own_warning_and_good_values_still_apply()
    {
        Navigation.NavigateTo("/catalog?page=abc&sort=%3Cscript%3E&size=1e3&q=shoes&tag=red");

        var cut = Render<Catalog>();

        Assert.Equal(new Catalog.Seen("shoes", 1, Catalog.SortOrder.Name, "red", null), cut.Instance.SeenInOnInitialized);
        Assert.Equal(3, MalformedValueWarnings.Count);
        Assert.Single(MalformedValueWarnings, w => w.Contains("'page'", StringComparison.Ordinal));
        Assert.Single(MalformedValueWarnings, w => w.Contains("'sort'", StringComparison.Ordinal));
        Assert.Single(MalformedValueWarnings, w => w.Contains("'size'", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_value_is_not_written_back_over_and_nothing_navigates()
    {
        Navigation.NavigateTo("/catalog?page=abc");
        var navigations = Navigations;

        var cut = Render<Catalog>();

        Assert.Equal(1, cut.Instance.Page);
        Assert.Equal(navigations, Navigations);
        Assert.Equal("http://localhost/catalog?page=abc", Navigation.Uri);
    }

    [Fact]
    public void Same_malformed_value_seen_again_after_navigation_is_not_logged_again()
    {
        Navigation.NavigateTo("/catalog?page=abc");
        var cut = Render<Catalog>();

        // As Forward to a URL that still carries the bad value.
        Navigation.NavigateTo("/catalog?page=abc&q=shoes");

        cut.WaitForAssertion(() => Assert.Equal("shoes", cut.Instance.Search));
        Assert.Single(MalformedValueWarnings);
        Assert.Equal(1, cut.Instance.Page);
    }

    [Fact]
    public void Malformed_value_arriving_by_navigation_puts_the_default_back_and_logs_one_warning()
    {
        Navigation.NavigateTo("/catalog?page=4");
        var cut = Render<Catalog>();

        Navigation.NavigateTo("/catalog?page=%3Cscript%3E");

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=page]").TextContent));
        Assert.Single(MalformedValueWarnings);
        Assert.Equal(1, cut.Instance.UrlStateChangedCalls);
    }
}
