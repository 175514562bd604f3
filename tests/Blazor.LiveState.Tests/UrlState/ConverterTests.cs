using Blazor.LiveState.UrlState.Converters;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>The kit's own converters for text, booleans, numbers, GUIDs and self-parsing types.</summary>
public sealed class ConverterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("a,b&c=d#e?f/g+h%20")]
    [InlineData("<script>alert('x')</script>")]
    public void String_is_read_and_written_as_it_is(string text)
    {
        Assert.Equal(text, Codec.Decode<string>(text));
        Assert.Equal([text], Codec.Encode(text));
    }

    [Fact]
    public void First_of_repeated_keys_wins_for_a_single_value()
    {
        Assert.Equal("first", Codec.Decode<string>("first", "second"));
        Assert.Equal(7, Codec.Decode<int>("7", "not a number"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    [InlineData("false", false)]
    public void Bool_is_read_case_insensitively(string text, bool expected) =>
        Assert.Equal(expected, Codec.Decode<bool>(text));

    [Fact]
    public void Bool_is_written_in_lower_case()
    {
        Assert.Equal(["true"], Codec.Encode(true));
        Assert.Equal(["false"], Codec.Encode(false));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("")]
    public void Bool_rejects_anything_but_true_and_false(string text) => Codec.AssertRejected<bool>(text);

    /// <summary>Each integer type: its smallest and largest value as text, and the first value past them.</summary>
    public static TheoryData<Type, string, string, string> IntegerLimits => new()
    {
        { typeof(byte), "0", "255", "256" },
        { typeof(sbyte), "-128", "127", "128" },
        { typeof(short), "-32768", "32767", "32768" },
        { typeof(ushort), "0", "65535", "65536" },
        { typeof(int), "-2147483648", "2147483647", "2147483648" },
        { typeof(uint), "0", "4294967295", "4294967296" },
        { typeof(long), "-9223372036854775808", "9223372036854775807", "9223372036854775808" },
        { typeof(ulong), "0", "18446744073709551615", "18446744073709551616" },
        { typeof(Int128), "-170141183460469231731687303715884105728", "170141183460469231731687303715884105727", "170141183460469231731687303715884105728" },
        { typeof(UInt128), "0", "340282366920938463463374607431768211455", "340282366920938463463374607431768211456" },
    };

    [Theory]
    [MemberData(nameof(IntegerLimits))]
    public void Integer_reads_and_writes_its_whole_range_and_rejects_overflow(Type type, string min, string max, string overflow)
    {
        var codec = QueryValueCodecs.For(type, null, new UrlStateOptions());

        foreach (var text in new[] { min, "0", "42", max })
        {
            Assert.True(codec.TryDecode(text, out var value), $"{type}: '{text}' was rejected.");
            Assert.IsType(type, value);
            Assert.Equal([text], codec.Encode(value));
        }

        Assert.False(codec.TryDecode(overflow, out _), $"{type}: '{overflow}' was accepted.");
        Assert.False(codec.TryDecode("-" + overflow.TrimStart('-') + "0", out _));
    }

    public static TheoryData<Type> IntegerTypes => [.. IntegerLimits.Select(row => (Type)row[0])];

    [Theory]
    [MemberData(nameof(IntegerTypes))]
    public void Integer_rejects_fractions_separators_and_words(Type type)
    {
        var codec = QueryValueCodecs.For(type, null, new UrlStateOptions());

        foreach (var text in new[] { "", "abc", "1.5", "1,000", "1e3", "0x10", "12abc", "<b>1</b>", "٣" })
        {
            Assert.False(codec.TryDecode(text, out var value), $"{type}: '{text}' was accepted as {value}.");
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("1<img src=x onerror=alert(1)>")]
    [InlineData("\"><svg onload=alert(1)>")]
    public void Malformed_int_is_rejected(string text) => Codec.AssertRejected<int>(text);

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.5e-3", -0.0025)]
    [InlineData("1E+21", 1e21)]
    [InlineData("42", 42.0)]
    public void Double_reads_a_decimal_point_and_an_exponent(string text, double expected) =>
        Assert.Equal(expected, Codec.Decode<double>(text));

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,000.5")]
    [InlineData("1.5.1")]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0x10")]
    public void Double_rejects_a_comma_rather_than_reading_it_as_a_thousands_separator(string text) =>
        Codec.AssertRejected<double>(text);

    [Fact]
    public void Comma_is_rejected_by_every_fraction_type()
    {
        Codec.AssertRejected<Half>("1,5");
        Codec.AssertRejected<float>("1,5");
        Codec.AssertRejected<double>("1,5");
        Codec.AssertRejected<decimal>("1,5");
    }

    [Fact]
    public void Double_writes_the_shortest_text_that_reads_back()
    {
        Assert.Equal(["0.1"], Codec.Encode(0.1));
        Assert.Equal(["1E+21"], Codec.Encode(1e21));
        Assert.Equal(["-0"], Codec.Encode(-0.0));
    }

    [Fact]
    public void Float_and_half_write_their_own_shortest_text()
    {
        Assert.Equal(["0.1"], Codec.Encode(0.1f));
        Assert.Equal(["0.1"], Codec.Encode((Half)0.1));
        Assert.Equal(["65500"], Codec.Encode(Half.MaxValue));
    }

    /// <summary>NaN and the infinities, as .NET names them and in other spellings it reads, per floating-point type.</summary>
    public static TheoryData<Type, string> NonFiniteTexts => new()
    {
        { typeof(double), "NaN" }, { typeof(double), "Infinity" }, { typeof(double), "-Infinity" }, { typeof(double), "nan" },
        { typeof(double), "+infinity" }, { typeof(double), "-NaN" },
        { typeof(float), "NaN" }, { typeof(float), "-Infinity" },
        { typeof(Half), "NaN" }, { typeof(Half), "Infinity" },
    };

    [Theory]
    [MemberData(nameof(NonFiniteTexts))]
    public void Non_finite_number_is_malformed_unless_the_property_allows_it(Type type, string text)
    {
        Assert.False(QueryValueCodecs.For(type, null, new UrlStateOptions()).TryDecode(text, out var value), $"{type}: '{text}' was accepted as {value}.");

        Assert.True(QueryValueCodecs.For(type, null, new UrlStateOptions(), allowNonFiniteNumbers: true).TryDecode(text, out value), $"{type}: '{text}' was rejected.");
        Assert.False(double.IsFinite(value is Half half ? (double)half : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Digits too large for the type: .NET reads them as infinity; the kit calls them out of range.</summary>
    public static TheoryData<Type, string> Overflows => new()
    {
        { typeof(double), "1e309" }, { typeof(double), "-1e309" }, { typeof(double), "1" + new string('0', 400) },
        { typeof(float), "1e39" }, { typeof(float), "-3.5e38" },
        { typeof(Half), "70000" }, { typeof(Half), "-1e5" },
    };

    [Theory]
    [MemberData(nameof(Overflows))]
    public void Number_too_large_for_its_type_is_malformed_even_where_infinity_is_allowed(Type type, string text)
    {
        Assert.False(QueryValueCodecs.For(type, null, new UrlStateOptions()).TryDecode(text, out var value), $"{type}: '{text}' was accepted as {value}.");
        Assert.False(QueryValueCodecs.For(type, null, new UrlStateOptions(), allowNonFiniteNumbers: true).TryDecode(text, out value), $"{type}: '{text}' was accepted as {value}.");
    }

    [Fact]
    public void Decimal_too_large_is_malformed() => Codec.AssertRejected<decimal>("1e309");

    [Fact]
    public void Largest_finite_values_are_read()
    {
        Assert.Equal(double.MaxValue, Codec.Decode<double>("1.7976931348623157E+308"));
        Assert.Equal(float.MaxValue, Codec.Decode<float>("3.4028235E+38"));
        Assert.Equal(Half.MaxValue, Codec.Decode<Half>("65500"));
        // Too small to hold reads as zero, as any rounding does: still a finite number.
        Assert.Equal(0d, Codec.Decode<double>("1e-400"));
    }

    [Fact]
    public void Non_finite_numbers_are_read_and_written_by_name_where_allowed()
    {
        var codec = QueryValueCodecs.For(typeof(double), null, new UrlStateOptions(), allowNonFiniteNumbers: true);

        Assert.Equal(["NaN"], codec.Encode(double.NaN));
        Assert.Equal(["Infinity"], codec.Encode(double.PositiveInfinity));
        Assert.Equal(["-Infinity"], codec.Encode(double.NegativeInfinity));
        Assert.True(codec.TryDecode("-Infinity", out var value));
        Assert.Equal(double.NegativeInfinity, value);
        Assert.Equal(["1.5"], codec.Encode(1.5));
    }

    [Fact]
    public void Non_finite_number_is_not_written_unless_the_property_allows_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode(double.NaN));
        Assert.Contains("AllowNonFiniteNumbers", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode(float.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Codec.Encode(Half.NegativeInfinity));
    }

    [Fact]
    public void Allowing_non_finite_numbers_reaches_nullable_forms_and_list_items()
    {
        var nullable = QueryValueCodecs.For(typeof(double?), null, new UrlStateOptions(), allowNonFiniteNumbers: true);
        var list = QueryValueCodecs.For(typeof(List<float>), null, new UrlStateOptions(), allowNonFiniteNumbers: true);

        Assert.True(nullable.TryDecode("Infinity", out var value));
        Assert.Equal(double.PositiveInfinity, value);
        Assert.True(list.TryDecode(new Microsoft.Extensions.Primitives.StringValues(["1.5", "NaN"]), out var items));
        Assert.True(float.IsNaN(Assert.IsType<List<float>>(items)[1]));
        Codec.AssertRejected<List<float>>("1.5", "NaN");
    }

    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(decimal))]
    [InlineData(typeof(string))]
    [InlineData(typeof(List<long>))]
    public void Allowing_non_finite_numbers_on_another_type_is_a_programming_error(Type type)
    {
        var error = Assert.Throws<InvalidOperationException>(() => QueryValueCodecs.For(type, null, new UrlStateOptions(), allowNonFiniteNumbers: true));
        Assert.Contains("AllowNonFiniteNumbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowing_non_finite_numbers_with_a_converter_of_the_apps_own_is_a_programming_error()
    {
        var options = new UrlStateOptions().AddConverter(new TenthsConverter());

        Assert.Throws<InvalidOperationException>(() => QueryValueCodecs.For(typeof(double), null, options, allowNonFiniteNumbers: true));
    }

    [Theory]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("\t1")]
    [InlineData("1\n")]
    public void Number_with_white_space_around_it_is_malformed(string escaped)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Codec.AssertRejected<int>(text);
        Codec.AssertRejected<long>(text);
        Codec.AssertRejected<double>(text);
        Codec.AssertRejected<decimal>(text);
    }

    private sealed class TenthsConverter : IUrlValueConverter<double>
    {
        public string Format(double value) => (value * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool TryParse(string text, out double value)
        {
            var read = double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value);
            value /= 10;
            return read;
        }
    }

    [Fact]
    public void Decimal_keeps_its_scale()
    {
        Assert.Equal(["1.50"], Codec.Encode(1.50m));
        var read = Codec.Decode<decimal>("1.500");
        Assert.Equal(1.500m, read);
        Assert.Equal("1.500", read.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["79228162514264337593543950335"], Codec.Encode(decimal.MaxValue));
    }

    [Fact]
    public void Decimal_rejects_values_beyond_its_range() => Codec.AssertRejected<decimal>("79228162514264337593543950336");

    [Fact]
    public void Guid_is_written_hyphenated_and_read_in_any_usual_form()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal(["0f8fad5b-d9cb-469f-a165-70867728950e"], Codec.Encode(id));
        Assert.Equal(id, Codec.Decode<Guid>("0F8FAD5B-D9CB-469F-A165-70867728950E"));
        Assert.Equal(id, Codec.Decode<Guid>("0f8fad5bd9cb469fa16570867728950e"));
        Assert.Equal(id, Codec.Decode<Guid>("{0f8fad5b-d9cb-469f-a165-70867728950e}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950")]
    public void Guid_rejects_malformed_text(string text) => Codec.AssertRejected<Guid>(text);

    [Fact]
    public void Self_parsing_type_is_read_and_written_with_its_own_methods()
    {
        Assert.Equal(new GridPoint(3, -4), Codec.Decode<GridPoint>("3_-4"));
        Assert.Equal(["3_-4"], Codec.Encode(new GridPoint(3, -4)));
        Codec.AssertRejected<GridPoint>("3-4");
        Codec.AssertRejected<GridPoint>("");
    }

    [Fact]
    public void Self_parsing_framework_types_need_no_converter()
    {
        Assert.Equal(["::1"], Codec.Encode(System.Net.IPAddress.IPv6Loopback));
        Assert.Equal(System.Net.IPAddress.Loopback, Codec.Decode<System.Net.IPAddress>("127.0.0.1"));
        Assert.Equal(new System.Numerics.BigInteger(ulong.MaxValue) * 10, Codec.Decode<System.Numerics.BigInteger>("184467440737095516150"));
    }

    [Fact]
    public void Single_value_is_not_a_collection() => Assert.False(Codec.For<string>().IsCollection);

    [Fact]
    public void Null_value_leaves_the_key_out() => Assert.Empty(Codec.For<string>().Encode(null));
}
