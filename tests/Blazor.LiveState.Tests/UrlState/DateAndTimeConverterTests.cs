namespace Blazor.LiveState.Tests.UrlState;

/// <summary>The kit's converters for <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/> and <see cref="TimeSpan"/>.</summary>
public sealed class DateAndTimeConverterTests
{
    [Fact]
    public void Unspecified_date_without_time_is_written_as_a_plain_date()
    {
        var christmasEve = new DateTime(2026, 12, 24, 0, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(["2026-12-24"], Codec.Encode(christmasEve));
        var read = Codec.Decode<DateTime>("2026-12-24");
        Assert.Equal(christmasEve, read);
        Assert.Equal(DateTimeKind.Unspecified, read.Kind);
    }

    [Fact]
    public void Unspecified_date_with_time_keeps_its_ticks_and_kind()
    {
        var value = new DateTime(2026, 12, 24, 18, 30, 5, DateTimeKind.Unspecified).AddTicks(1234567);

        Assert.Equal(["2026-12-24T18:30:05.1234567"], Codec.Encode(value));
        var read = Codec.Decode<DateTime>(Codec.Encode(value));
        Assert.Equal((value.Ticks, DateTimeKind.Unspecified), (read.Ticks, read.Kind));
    }

    [Fact]
    public void Utc_date_keeps_its_kind_even_at_midnight()
    {
        var midnight = new DateTime(2026, 12, 24, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(["2026-12-24T00:00:00.0000000Z"], Codec.Encode(midnight));
        var read = Codec.Decode<DateTime>(Codec.Encode(midnight));
        Assert.Equal((midnight.Ticks, DateTimeKind.Utc), (read.Ticks, read.Kind));
    }

    [Fact]
    public void Local_date_keeps_its_instant_and_kind()
    {
        var value = new DateTime(2026, 7, 1, 9, 15, 0, DateTimeKind.Local);

        var text = Assert.Single(Codec.Encode(value));
        var read = Codec.Decode<DateTime>(text);

        Assert.Matches(@"^2026-07-01T09:15:00\.0000000[+-]\d\d:\d\d$", text);
        Assert.Equal((value.Ticks, DateTimeKind.Local), (read.Ticks, read.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-12-24T25:00")]
    [InlineData("<script>2026-12-24</script>")]
    public void DateTime_rejects_malformed_text(string text) => Codec.AssertRejected<DateTime>(text);

    [Fact]
    public void DateTimeOffset_keeps_its_offset()
    {
        var value = new DateTimeOffset(2026, 12, 24, 18, 30, 0, TimeSpan.FromHours(-9.5));

        Assert.Equal(["2026-12-24T18:30:00.0000000-09:30"], Codec.Encode(value));
        var read = Codec.Decode<DateTimeOffset>("2026-12-24T18:30:00.0000000-09:30");
        Assert.True(value.EqualsExact(read), $"read as {read:O}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("now")]
    [InlineData("2026-12-24T18:30:00+15:00")]
    [InlineData("2026-12-24T18:61:00Z")]
    public void DateTimeOffset_rejects_malformed_text(string text) => Codec.AssertRejected<DateTimeOffset>(text);

    [Fact]
    public void DateOnly_is_written_as_year_month_day()
    {
        Assert.Equal(["2026-01-05"], Codec.Encode(new DateOnly(2026, 1, 5)));
        Assert.Equal(new DateOnly(2026, 1, 5), Codec.Decode<DateOnly>("2026-01-05"));
        Assert.Equal(["0001-01-01"], Codec.Encode(DateOnly.MinValue));
        Assert.Equal(["9999-12-31"], Codec.Encode(DateOnly.MaxValue));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-02-30")]
    [InlineData("24.12.2026x")]
    [InlineData("2026-12-24-01")]
    public void DateOnly_rejects_malformed_text(string text) => Codec.AssertRejected<DateOnly>(text);

    [Fact]
    public void TimeOnly_is_written_as_short_as_it_can_be()
    {
        Assert.Equal(["18:30"], Codec.Encode(new TimeOnly(18, 30)));
        Assert.Equal(["18:30:05"], Codec.Encode(new TimeOnly(18, 30, 5)));
        Assert.Equal(["18:30:05.25"], Codec.Encode(new TimeOnly(18, 30, 5, 250)));
        Assert.Equal(["00:00:00.0000001"], Codec.Encode(new TimeOnly(1)));
        Assert.Equal(["23:59:59.9999999"], Codec.Encode(TimeOnly.MaxValue));
    }

    [Fact]
    public void TimeOnly_reads_each_of_its_forms()
    {
        Assert.Equal(new TimeOnly(18, 30), Codec.Decode<TimeOnly>("18:30"));
        Assert.Equal(new TimeOnly(18, 30, 5), Codec.Decode<TimeOnly>("18:30:05"));
        Assert.Equal(new TimeOnly(18, 30, 5, 250), Codec.Decode<TimeOnly>("18:30:05.25"));
        Assert.Equal(TimeOnly.MaxValue, Codec.Decode<TimeOnly>("23:59:59.9999999"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("25:00")]
    [InlineData("18:60")]
    [InlineData("noon")]
    public void TimeOnly_rejects_malformed_text(string text) => Codec.AssertRejected<TimeOnly>(text);

    [Fact]
    public void TimeSpan_is_written_in_the_constant_format()
    {
        var value = new TimeSpan(1, 2, 3, 4, 500);

        Assert.Equal(["1.02:03:04.5000000"], Codec.Encode(value));
        Assert.Equal(value, Codec.Decode<TimeSpan>("1.02:03:04.5"));
        Assert.Equal(["-00:05:00"], Codec.Encode(TimeSpan.FromMinutes(-5)));
        Assert.Equal(TimeSpan.FromMinutes(-5), Codec.Decode<TimeSpan>("-00:05:00"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("five minutes")]
    [InlineData("1:2:3:4:5")]
    [InlineData("99999999.00:00:00")]
    public void TimeSpan_rejects_malformed_text(string text) => Codec.AssertRejected<TimeSpan>(text);

    [Theory]
    [InlineData("2026-12-24T10:00:00")]
    [InlineData("2026-12-24 10:00")]
    public void DateOnly_rejects_a_date_with_a_time_of_day(string text) => Codec.AssertRejected<DateOnly>(text);

    [Theory]
    [InlineData("10:30")]
    [InlineData("12/31/2026")]
    [InlineData("31.12.2026")]
    [InlineData("Dec 24 2026")]
    [InlineData("24 December 2026")]
    [InlineData("2026-12-24 10:00")]
    [InlineData("2026-12-24t10:00")]
    [InlineData(" 2026-12-24")]
    [InlineData("2026-12-24 ")]
    [InlineData("2026-12-24T10")]
    [InlineData("2026-12-24T10:00:00.")]
    [InlineData("2026-12-24T10:00:00.12345678")]
    [InlineData("2026-12-24Z")]
    [InlineData("2026-1-5")]
    [InlineData("20261224")]
    [InlineData("26-12-24")]
    public void DateTime_reads_no_culture_dependent_or_partial_form(string text) => Codec.AssertRejected<DateTime>(text);

    [Fact]
    public void DateTime_reads_each_iso_form_the_kit_writes_and_its_shorter_forms()
    {
        Assert.Equal((new DateTime(2026, 12, 24, 18, 30, 0), DateTimeKind.Unspecified), KindOf(Codec.Decode<DateTime>("2026-12-24T18:30")));
        Assert.Equal(new DateTime(2026, 12, 24, 18, 30, 5), Codec.Decode<DateTime>("2026-12-24T18:30:05"));
        Assert.Equal(new DateTime(2026, 12, 24, 18, 30, 5, 100), Codec.Decode<DateTime>("2026-12-24T18:30:05.1"));
        Assert.Equal((new DateTime(2026, 12, 24, 18, 30, 0), DateTimeKind.Utc), KindOf(Codec.Decode<DateTime>("2026-12-24T18:30Z")));
        var withOffset = Codec.Decode<DateTime>("2026-12-24T18:30:00+01:00");
        Assert.Equal(DateTimeKind.Local, withOffset.Kind);
        Assert.Equal(new DateTime(2026, 12, 24, 17, 30, 0, DateTimeKind.Utc), withOffset.ToUniversalTime());

        static (DateTime, DateTimeKind) KindOf(DateTime value) => (DateTime.SpecifyKind(value, DateTimeKind.Unspecified), value.Kind);
    }

    [Theory]
    [InlineData("2026-12-24T18:30:00")]
    [InlineData("2026-12-24")]
    [InlineData("10:30")]
    [InlineData("12/24/2026 18:30 +01:00")]
    [InlineData("2026-12-24T18:30:00 +01:00")]
    [InlineData("2026-12-24 18:30:00+01:00")]
    public void DateTimeOffset_reads_only_an_iso_date_and_time_with_an_offset(string text) => Codec.AssertRejected<DateTimeOffset>(text);

    [Fact]
    public void DateTimeOffset_reads_Z_and_short_forms()
    {
        Assert.True(new DateTimeOffset(2026, 12, 24, 18, 30, 0, TimeSpan.Zero).EqualsExact(Codec.Decode<DateTimeOffset>("2026-12-24T18:30Z")));
        Assert.True(new DateTimeOffset(2026, 12, 24, 18, 30, 0, new TimeSpan(5, 45, 0)).EqualsExact(Codec.Decode<DateTimeOffset>("2026-12-24T18:30+05:45")));
    }

    [Theory]
    [InlineData("12/31/2026")]
    [InlineData("31.12.2026")]
    [InlineData("2026-1-5")]
    [InlineData("20261224")]
    [InlineData("2026-12-24Z")]
    [InlineData("Dec 24 2026")]
    public void DateOnly_reads_no_culture_dependent_form(string text) => Codec.AssertRejected<DateOnly>(text);

    [Theory]
    [InlineData("6:30 PM")]
    [InlineData("6:30")]
    [InlineData("18.30")]
    [InlineData("1830")]
    [InlineData("18:30:05.")]
    [InlineData("18:30:05.12345678")]
    [InlineData(" 18:30")]
    [InlineData("18:30Z")]
    [InlineData("2026-12-24T18:30")]
    public void TimeOnly_reads_no_other_form(string text) => Codec.AssertRejected<TimeOnly>(text);

    [Theory]
    [InlineData("10")]
    [InlineData("10:30")]
    [InlineData("1:02:03:04")]
    [InlineData(" 00:05:00")]
    public void TimeSpan_reads_only_the_constant_format(string text) => Codec.AssertRejected<TimeSpan>(text);
}
