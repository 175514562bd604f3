
namespace Blazor.LiveState.Tests.UrlState;

/// <summary>
/// Converters the app brings: named on the attribute, or registered with <see cref="UrlStateOptions.AddConverter{T}"/>;
/// and the error for a type nothing converts.
/// </summary>
public sealed class CustomConverterTests
{
    [Fact]
    public void Converter_named_on_the_attribute_reads_and_writes_the_type()
    {
        var codec = Codec.For<Money>(converter: typeof(MoneyConverter));

        Assert.Equal(new Money(12.50m, "EUR"), Codec.Decode<Money>(codec, "12.50EUR"));
        Assert.Equal(["12.50EUR"], codec.Encode(new Money(12.50m, "EUR")));
        Codec.AssertRejected(codec, "EUR");
    }

    [Fact]
    public void Converter_named_on_the_attribute_is_used_for_each_item_of_a_list()
    {
        var codec = Codec.For<List<Money>>(converter: typeof(MoneyConverter));

        Assert.Equal([new Money(1m, "EUR"), new Money(2.5m, "USD")], Codec.Decode<List<Money>>(codec, "1EUR", "2.5USD"));
        Assert.Equal(["1EUR", "2.5USD"], codec.Encode(new List<Money> { new(1m, "EUR"), new(2.5m, "USD") }));
    }

    [Fact]
    public void Converter_of_a_whole_array_writes_it_as_one_value()
    {
        var codec = Codec.For<int[]>(converter: typeof(DashedIntsConverter));
        int[] values = [1, 2, 3];

        Assert.False(codec.IsCollection);
        Assert.Equal(["1-2-3"], codec.Encode(values));
        Assert.Equal([1, 2, 3], Codec.Decode<int[]>(codec, "1-2-3"));
    }

    [Fact]
    public void Converter_registered_in_the_options_reads_the_type_and_arrays_of_it()
    {
        var options = new UrlStateOptions().AddConverter(new MoneyConverter());

        Assert.Equal(new Money(3m, "CHF"), Codec.Decode<Money>(Codec.For<Money>(options), "3CHF"));
        Assert.Equal(["3CHF", "4CHF"], Codec.Encode<Money[]>([new(3m, "CHF"), new(4m, "CHF")], options));
    }

    [Fact]
    public void Converter_registered_in_the_options_replaces_the_kits_own()
    {
        var options = new UrlStateOptions().AddConverter(new YesNoConverter());

        Assert.True(Codec.Decode<bool>(Codec.For<bool>(options), "yes"));
        Assert.Equal(["no"], Codec.Encode(false, options));
        Codec.AssertRejected(Codec.For<bool>(options), "true");
        Assert.Equal([true, false], Codec.Decode<List<bool>>(Codec.For<List<bool>>(options), "yes", "no"));
        Assert.Null(Codec.Decode<bool?>(Codec.For<bool?>(options), ""));
        Assert.False(Codec.Decode<bool?>(Codec.For<bool?>(options), "no"));
    }

    [Fact]
    public void Converter_named_on_the_attribute_wins_over_the_one_in_the_options()
    {
        var options = new UrlStateOptions().AddConverter(new YesNoConverter());

        var codec = Codec.For<bool>(options, typeof(YesNoConverter));
        Assert.Equal(["yes"], codec.Encode(true));

        Assert.Equal(["false"], Codec.Encode(false, new UrlStateOptions()));
    }

    [Fact]
    public void Adding_a_null_converter_throws() =>
        Assert.Throws<ArgumentNullException>(() => new UrlStateOptions().AddConverter<Money>(null!));

    [Fact]
    public void Unsupported_type_throws_an_error_that_names_both_fixes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Codec.For<Money>());

        Assert.Contains(typeof(Money).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[UrlState(Converter = typeof(...))]", error.Message, StringComparison.Ordinal);
        Assert.Contains("o.UrlState.AddConverter(...)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_item_type_throws_an_error_that_says_it_is_about_the_items()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Codec.For<List<Money>>());

        Assert.Contains("the items of", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddConverter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_nothing_converts_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Codec.For<object>());
        Assert.Throws<InvalidOperationException>(() => Codec.For<Dictionary<string, int>>());
        Assert.Throws<InvalidOperationException>(() => Codec.For<int[,]>());
    }

    [Fact]
    public void Named_type_that_is_not_a_converter_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Codec.For<int>(converter: typeof(string)));

        Assert.Contains("does not implement IUrlValueConverter<T>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_converter_of_another_type_is_refused_for_a_type_the_kit_cannot_read()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Codec.For<GridPointHolder>(converter: typeof(MoneyConverter)));

        Assert.Contains($"{typeof(MoneyConverter)} does not convert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_converter_of_another_type_is_refused_rather_than_silently_ignored()
    {
        // The attribute promises this converter; quietly using the kit's own instead would hide the mistake.
        var scalar = Assert.Throws<InvalidOperationException>(() => Codec.For<int>(converter: typeof(MoneyConverter)));
        var items = Assert.Throws<InvalidOperationException>(() => Codec.For<List<int>>(converter: typeof(MoneyConverter)));
        var nullable = Assert.Throws<InvalidOperationException>(() => Codec.For<int?>(converter: typeof(MoneyConverter)));

        Assert.Contains($"{typeof(MoneyConverter)} does not convert System.Int32", scalar.Message, StringComparison.Ordinal);
        Assert.Contains("the items of", items.Message, StringComparison.Ordinal);
        Assert.Contains("does not convert", nullable.Message, StringComparison.Ordinal);
    }

    /// <summary>A type with no converter of its own.</summary>
    private sealed record GridPointHolder(GridPoint Point);
}
