using Bunit;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>
/// The kit writes nothing to the URL that a reload could not read back or that servers would refuse: such a
/// write is left out, logged once, and the rest of the event's writes still go out.
/// </summary>
/// <remarks>
/// Lower limits than the defaults keep the test values short; the value-length limit is the default one.
/// </remarks>
public sealed class UrlWriteLimitTests() : UrlStateTestContext(o =>
{
    o.UrlState.MaxValuesPerKey = 2;
    o.UrlState.MaxUrlLength = 300;
})
{
    [Fact]
    public void Value_longer_than_the_read_limit_is_not_written_while_the_rest_of_the_event_is_and_it_warns_once()
    {
        Navigation.NavigateTo("/catalog");
        var cut = Render<Catalog>();

        cut.Instance.NextSearch = new string('x', 2_049);
        cut.Find("[data-testid=search-next-and-next-page]").Click();
        WaitForUri("http://localhost/catalog?page=2");
        cut.Instance.NextSearch = new string('y', 3_000);
        cut.Find("[data-testid=search-next-and-next-page]").Click();
        WaitForUri("http://localhost/catalog?page=3");

        // The component keeps what the user chose; only the URL leaves it out.
        Assert.Equal(3_000, cut.Instance.Search.Length);
        var warning = Assert.Single(Logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains("'q' was not written to the URL: a value of 2049 characters, more than UrlState.MaxValueLength (2048)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void List_with_more_values_than_the_read_limit_is_not_written()
    {
        Navigation.NavigateTo("/catalog");
        var cut = Render<Catalog>();

        cut.InvokeAsync(() =>
        {
            cut.Instance.Tags = ["a", "b", "c"];
            cut.Find("[data-testid=next]").Click();
        });

        WaitForUri("http://localhost/catalog?page=2");
        Assert.Contains(Logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("'tag' was not written to the URL: 3 values", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_that_would_make_the_url_longer_than_servers_take_is_not_made_and_is_logged()
    {
        Navigation.NavigateTo("/catalog");
        var cut = Render<Catalog>();
        var navigations = Navigations;

        // "/catalog?q=" and 300 characters, with page=2: over 300 in all, each value under the read limit.
        cut.Instance.NextSearch = new string('x', 300);
        cut.Find("[data-testid=search-next-and-next-page]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) && m.Contains("URL state was not written: the URL would be 318 characters long, more than UrlState.MaxUrlLength (300)", StringComparison.Ordinal)));
        Assert.Equal("http://localhost/catalog", Navigation.Uri);
        Assert.Equal(navigations, Navigations);

        // A short value afterwards is written as usual.
        cut.Instance.NextSearch = "shoes";
        cut.Find("[data-testid=search-next-and-next-page]").Click();
        WaitForUri("http://localhost/catalog?q=shoes&page=3");
    }

    [Fact]
    public void Enum_value_without_a_name_is_not_written_and_is_logged_once_while_it_stays()
    {
        Navigation.NavigateTo("/catalog");
        var cut = Render<Catalog>();

        cut.Find("[data-testid=unnamed-sort-and-next-page]").Click();
        WaitForUri("http://localhost/catalog?page=2");
        cut.Find("[data-testid=unnamed-sort-and-next-page]").Click();
        WaitForUri("http://localhost/catalog?page=3");

        var error = Assert.Single(Logs.Messages, m => m.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains("Catalog.Sort: its converter failed to write the value; the URL keeps the previous one.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Emptied_list_whose_default_is_not_empty_is_written_as_the_key_with_an_empty_value()
    {
        Navigation.NavigateTo("/tags");
        var cut = Render<ChosenTags>();

        cut.Find("[data-testid=clear]").Click();

        WaitForUri("http://localhost/tags?tag=");
        Assert.Equal("", cut.Find("[data-testid=tags]").TextContent);
        Assert.DoesNotContain(Logs.Messages, m => m.StartsWith("Warning:", StringComparison.Ordinal) || m.StartsWith("Error:", StringComparison.Ordinal));
    }

    [Fact]
    public void List_whose_key_holds_one_empty_value_starts_empty_rather_than_with_its_default()
    {
        // What a reload after the write above renders.
        Navigation.NavigateTo("/tags?tag=");

        var cut = Render<ChosenTags>();

        Assert.Empty(cut.Instance.Tags);
        Assert.Equal("", cut.Find("[data-testid=tags]").TextContent);
        Assert.Equal("http://localhost/tags?tag=", Navigation.Uri);
    }
}
