using Bunit;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>NaN, the infinities and numbers too large for their type, read from and written to a real component's URL.</summary>
public sealed class NonFiniteNumberTests : UrlStateTestContext
{
    [Theory]
    [InlineData("ratio=NaN", "'ratio'")]
    [InlineData("ratio=Infinity", "'ratio'")]
    [InlineData("ratio=-Infinity", "'ratio'")]
    [InlineData("ratio=1e309", "'ratio'")]
    [InlineData("upper=1e309", "'upper'")]
    [InlineData("upper=-1e400", "'upper'")]
    public void Non_finite_or_overflowing_query_value_keeps_the_default_and_logs_a_warning(string query, string key)
    {
        Navigation.NavigateTo("/bounds?" + query);

        var cut = Render<Bounds>();

        Assert.Equal((1d, 100d), (cut.Instance.Ratio, cut.Instance.Upper));
        var warning = Assert.Single(MalformedValueWarnings);
        Assert.Contains(key, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_that_allows_non_finite_numbers_reads_them_by_name()
    {
        Navigation.NavigateTo("/bounds?upper=-Infinity");

        var cut = Render<Bounds>();

        Assert.Equal(double.NegativeInfinity, cut.Instance.Upper);
        Assert.Empty(MalformedValueWarnings);
    }

    [Fact]
    public void Non_finite_value_is_written_only_where_the_property_allows_it()
    {
        Navigation.NavigateTo("/bounds?ratio=0.5");
        var cut = Render<Bounds>();

        cut.Find("[data-testid=unbounded]").Click();

        // The ratio keeps its last written value in the URL: NaN there would not read back after a reload.
        WaitForUri("http://localhost/bounds?ratio=0.5&upper=Infinity");
        Assert.True(double.IsNaN(cut.Instance.Ratio));
        var error = Assert.Single(Logs.Messages, m => m.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains("Bounds.Ratio: its converter failed to write the value; the URL keeps the previous one.", error, StringComparison.Ordinal);
    }
}
