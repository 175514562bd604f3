using Blazor.LiveState.UrlState;
using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.Tests.UrlState;

public sealed class QueryValuesTests
{
    [Fact]
    public void Keys_are_compared_case_insensitively()
    {
        var query = QueryValues.Parse("http://localhost/page?Page=2&SORT=name");

        Assert.Equal("2", query["page"]);
        Assert.Equal("2", query["PAGE"]);
        Assert.Equal("name", query["sort"]);
    }

    [Fact]
    public void Plus_reads_as_a_space_and_an_encoded_plus_as_a_plus()
    {
        var query = QueryValues.Parse("http://localhost/page?q=a+b%2Bc&r=%2b");

        Assert.Equal("a b+c", query["q"]);
        Assert.Equal("+", query["r"]);
    }

    [Fact]
    public void Percent_encoded_values_and_keys_are_decoded()
    {
        var query = QueryValues.Parse("http://localhost/page?%74ag=%3Cscript%3E%26%3D%23&emoji=%F0%9F%98%80");

        Assert.Equal("<script>&=#", query["tag"]);
        Assert.Equal("😀", query["emoji"]);
    }

    [Fact]
    public void Fragment_is_ignored_even_when_it_looks_like_a_query()
    {
        var query = QueryValues.Parse("http://localhost/page?q=1#frag?q=2&x=3");

        Assert.Equal("1", query["q"]);
        Assert.Equal(StringValues.Empty, query["x"]);
        Assert.Equal("http://localhost/page", query.Path);
    }

    [Fact]
    public void Question_mark_after_the_fragment_start_is_not_a_query()
    {
        var query = QueryValues.Parse("http://localhost/page#section?q=1");

        Assert.Equal(StringValues.Empty, query["q"]);
        Assert.Equal("http://localhost/page", query.Path);
    }

    [Fact]
    public void Repeated_keys_keep_every_value_in_order_whatever_their_case()
    {
        var query = QueryValues.Parse("http://localhost/page?tag=b&Tag=a&TAG=b");

        Assert.Equal(new StringValues(["b", "a", "b"]), query["tag"]);
    }

    [Fact]
    public void Missing_key_has_no_values()
    {
        Assert.Equal(StringValues.Empty, QueryValues.Parse("http://localhost/page?a=1")["b"]);
        Assert.Equal(StringValues.Empty, QueryValues.Parse("http://localhost/page")["a"]);
    }

    [Fact]
    public void Key_without_a_value_reads_as_empty()
    {
        var query = QueryValues.Parse("http://localhost/page?a=&b");

        Assert.Equal(new StringValues(""), query["a"]);
        Assert.Equal(new StringValues(""), query["b"]);
    }

    [Fact]
    public void Path_is_the_url_without_its_query_and_fragment()
    {
        Assert.Equal("http://localhost/app/page", QueryValues.Parse("http://localhost/app/page?x=1#top").Path);
        Assert.Equal("http://localhost/app/page", QueryValues.Parse("http://localhost/app/page#top").Path);
        Assert.Equal("http://localhost/app/page", QueryValues.Parse("http://localhost/app/page").Path);
    }

    [Fact]
    public void Same_path_and_values_in_another_order_or_case_or_encoding_are_the_same()
    {
        var a = QueryValues.Parse("http://localhost/page?a=1&b=x%20y#one");
        var b = QueryValues.Parse("http://localhost/page?B=x+y&A=1#two");

        Assert.True(a.SameAs(b));
        Assert.True(b.SameAs(a));
    }

    [Theory]
    [InlineData("http://localhost/other?a=1&b=2")]
    [InlineData("http://localhost/page?a=1&b=3")]
    [InlineData("http://localhost/page?a=1")]
    [InlineData("http://localhost/page?a=1&b=2&c=3")]
    [InlineData("http://localhost/page?a=1&b=2&b=2")]
    [InlineData("http://localhost/page?a=1&B=2&b=3")]
    [InlineData("http://localhost/page?a=1&c=2")]
    [InlineData("http://localhost/page?a=1&b=B")]
    [InlineData("http://localhost/Page?a=1&b=2")]
    public void Another_path_value_count_or_key_is_not_the_same(string other)
    {
        var query = QueryValues.Parse("http://localhost/page?a=1&b=2");
        var changed = QueryValues.Parse(other);

        Assert.False(query.SameAs(changed));
        Assert.False(changed.SameAs(query));
    }

    [Fact]
    public void Order_of_repeated_values_matters()
    {
        var query = QueryValues.Parse("http://localhost/page?tag=a&tag=b");

        Assert.False(query.SameAs(QueryValues.Parse("http://localhost/page?tag=b&tag=a")));
        Assert.True(query.SameAs(QueryValues.Parse("http://localhost/page?TAG=a&tag=b")));
    }

    [Fact]
    public void Url_without_a_query_is_the_same_as_one_with_an_empty_query()
    {
        var bare = QueryValues.Parse("http://localhost/page");

        Assert.True(bare.SameAs(QueryValues.Parse("http://localhost/page?")));
        Assert.True(bare.SameAs(QueryValues.Parse("http://localhost/page#top")));
    }
}
