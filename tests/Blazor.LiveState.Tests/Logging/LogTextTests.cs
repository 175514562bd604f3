using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Tests.Logging;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("line one\nFAKE: admin signed in", "line one?FAKE: admin signed in")]
    [InlineData("a\r\nb", "a??b")]
    [InlineData("evil\u202Etxt.exe", "evil?txt.exe")]
    [InlineData("\u2066isolate\u2069", "?isolate?")]
    [InlineData("zero\u200Bwidth", "zero?width")]
    [InlineData("para\u2029graph\u2028line", "para?graph?line")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("bell\u0007", "bell?")]
    public void Control_bidi_and_separator_characters_become_question_marks(string text, string expected) =>
        Assert.Equal(expected, LogText.FromBrowser(text));

    [Fact]
    public void A_lone_surrogate_is_replaced_and_a_whole_pair_is_kept()
    {
        Assert.Equal("a?b", LogText.FromBrowser("a\uD800b"));
        Assert.Equal("ok 😀", LogText.FromBrowser("ok 😀"));
    }

    [Fact]
    public void Long_text_is_cut_to_the_limit_and_names_its_length()
    {
        var text = new string('x', 20_000);

        var logged = LogText.FromBrowser(text, 50);

        Assert.Equal(new string('x', 50) + "… (20000 characters)", logged);
    }

    [Fact]
    public void Quoted_text_shows_empty_values_and_keeps_the_length_outside_the_quotes()
    {
        Assert.Equal("\"\"", LogText.Quoted(""));
        Assert.Equal("\"\"", LogText.Quoted(null));
        Assert.Equal("\"ab…\" (5 characters)", LogText.Quoted("ab\ncd", 2));
        Assert.Equal("\"a?b\"", LogText.Quoted("a\nb"));
    }

    [Fact]
    public void Plain_text_passes_unchanged() =>
        Assert.Equal("Müller & Søn, 12 € — ok", LogText.FromBrowser("Müller & Søn, 12 € — ok"));
}
