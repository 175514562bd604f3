namespace Blazor.LiveState.Tests.UrlState;

/// <summary>Enums by name: case-insensitive, never by number, flags as <c>A,B</c>.</summary>
public sealed class EnumConverterTests
{
    [Fact]
    public void Enum_is_written_by_name()
    {
        Assert.Equal(["Date"], Codec.Encode(SortOrder.Date));
        Assert.Equal(["Name"], Codec.Encode(SortOrder.Name));
    }

    [Theory]
    [InlineData("Date")]
    [InlineData("date")]
    [InlineData("DATE")]
    [InlineData(" dAtE ")]
    public void Enum_name_is_read_case_insensitively(string text) =>
        Assert.Equal(SortOrder.Date, Codec.Decode<SortOrder>(text));

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 2")]
    [InlineData("42")]
    public void Enum_rejects_numbers_even_of_defined_values(string text) => Codec.AssertRejected<SortOrder>(text);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Unknown")]
    [InlineData("Dates")]
    [InlineData("Date;Size")]
    [InlineData("Date,Size")]
    [InlineData("<script>alert(1)</script>")]
    public void Enum_rejects_names_it_does_not_define(string text) => Codec.AssertRejected<SortOrder>(text);

    [Fact]
    public void Flags_enum_is_written_as_names_separated_by_a_comma()
    {
        Assert.Equal(["Red,Blue"], Codec.Encode(Colors.Red | Colors.Blue));
        Assert.Equal(["Red,Green,Blue"], Codec.Encode(Colors.Red | Colors.Green | Colors.Blue));
        Assert.Equal(["Green"], Codec.Encode(Colors.Green));
        Assert.Equal(["None"], Codec.Encode(Colors.None));
    }

    [Theory]
    [InlineData("Red,Blue")]
    [InlineData("red,BLUE")]
    [InlineData("Blue, Red")]
    [InlineData("Red,Blue,Red")]
    public void Flags_enum_reads_its_names_in_any_order_and_case(string text) =>
        Assert.Equal(Colors.Red | Colors.Blue, Codec.Decode<Colors>(text));

    [Theory]
    [InlineData("Red,1")]
    [InlineData("1,Red")]
    [InlineData("5")]
    [InlineData("Red,Purple")]
    [InlineData("Red,")]
    [InlineData(",Red")]
    [InlineData("Red,,Blue")]
    public void Flags_enum_rejects_numbers_unknown_names_and_empty_parts(string text) => Codec.AssertRejected<Colors>(text);

    [Fact]
    public void Every_flags_combination_reads_back_as_written()
    {
        for (var bits = 0; bits < 8; bits++)
        {
            var value = (Colors)bits;
            Assert.Equal(value, Codec.Decode<Colors>(Codec.Encode(value)));
        }
    }

    [Fact]
    public void Flags_enum_without_a_name_for_zero_writes_none_set_as_an_empty_value_and_reads_it_back()
    {
        Assert.Equal([""], Codec.Encode(default(Toppings)));
        Assert.Equal(default, Codec.Decode<Toppings>(""));
        Assert.Equal(Toppings.Cheese | Toppings.Olives, Codec.Decode<Toppings>(Codec.Encode(Toppings.Cheese | Toppings.Olives)[0]));
    }

    [Fact]
    public void Values_without_a_name_are_not_written_since_they_would_not_read_back()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode((SortOrder)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode(Colors.Red | (Colors)8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode((Toppings)4));
    }

    [Theory]
    [InlineData("Name,Date")]
    [InlineData("Date,Date")]
    public void Plain_enum_rejects_a_list_of_names(string text) => Codec.AssertRejected<SortOrder>(text);
}
