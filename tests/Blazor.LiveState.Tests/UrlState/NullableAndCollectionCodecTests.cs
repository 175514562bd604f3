namespace Blazor.LiveState.Tests.UrlState;

/// <summary>Nullable forms, arrays and lists: built around the converter of the value or item type.</summary>
public sealed class NullableAndCollectionCodecTests
{
    [Fact]
    public void Empty_value_is_null_for_a_nullable_property()
    {
        Assert.Null(Codec.Decode<int?>(""));
        Assert.Null(Codec.Decode<SortOrder?>(""));
        Assert.Null(Codec.Decode<DateTime?>(""));
        Assert.Null(Codec.Decode<Guid?>(""));
    }

    [Fact]
    public void Nullable_property_reads_its_value_type_and_rejects_what_it_rejects()
    {
        Assert.Equal(5, Codec.Decode<int?>("5"));
        Assert.Equal(SortOrder.Size, Codec.Decode<SortOrder?>("size"));
        Codec.AssertRejected<int?>("five");
        Codec.AssertRejected<SortOrder?>("2");
    }

    [Fact]
    public void Null_leaves_the_key_out_and_a_value_is_written_as_the_value_type_writes_it()
    {
        Assert.Empty(Codec.Encode<int?>(null));
        Assert.Equal(["5"], Codec.Encode<int?>(5));
        Assert.Equal(["Red,Blue"], Codec.Encode<Colors?>(Colors.Red | Colors.Blue));
    }

    [Fact]
    public void Empty_value_is_still_rejected_for_a_non_nullable_property() => Codec.AssertRejected<int>("");

    [Fact]
    public void Array_reads_one_item_per_repeated_key_in_order()
    {
        Assert.Equal(["b", "a", "b"], Codec.Decode<string[]>("b", "a", "b"));
        Assert.Equal([3, 1, 2], Codec.Decode<int[]>("3", "1", "2"));
    }

    [Fact]
    public void List_reads_into_a_list_of_the_item_type()
    {
        var list = Codec.Decode<List<int>>("1", "2", "3");

        Assert.IsType<List<int>>(list);
        Assert.Equal([1, 2, 3], list);
    }

    [Fact]
    public void Read_only_list_and_other_list_interfaces_read_into_a_list()
    {
        Assert.Equal([SortOrder.Date, SortOrder.Name], Codec.Decode<IReadOnlyList<SortOrder>>("date", "NAME"));
        Assert.Equal([1L, 2L], Codec.Decode<IList<long>>("1", "2"));
        Assert.Equal(["x"], Codec.Decode<IReadOnlyCollection<string>>("x"));
        Assert.Equal([true], Codec.Decode<IEnumerable<bool>>("true"));
        Assert.Equal([1.5], Codec.Decode<ICollection<double>>("1.5"));
    }

    [Fact]
    public void One_malformed_item_rejects_the_whole_value()
    {
        Codec.AssertRejected<int[]>("1", "x", "3");
        Codec.AssertRejected<List<int>>("1", "2", "");
        Codec.AssertRejected<IReadOnlyList<SortOrder>>("Date", "1");
        Codec.AssertRejected<List<Guid>>(Guid.NewGuid().ToString(), "not-a-guid");
    }

    [Fact]
    public void Collection_is_written_as_one_value_per_item()
    {
        Assert.Equal(["a", "b", "a"], Codec.Encode<string[]>(["a", "b", "a"]));
        Assert.Equal(["1", "2"], Codec.Encode<List<int>>([1, 2]));
        Assert.Equal(["Date", "Size"], Codec.Encode<IReadOnlyList<SortOrder>>([SortOrder.Date, SortOrder.Size]));
    }

    [Fact]
    public void Null_collection_leaves_the_key_out() => Assert.Empty(Codec.Encode<int[]?>(null));

    [Fact]
    public void Empty_collection_is_the_key_with_one_empty_value_and_reads_back_empty()
    {
        Assert.Equal([""], Codec.Encode<List<int>>([]));
        Assert.Equal([""], Codec.Encode<string[]>([]));

        Assert.Empty(Codec.Decode<List<int>>(""));
        Assert.Empty(Codec.Decode<string[]>(""));
        Assert.Empty(Codec.Decode<IReadOnlyList<SortOrder>>(""));
    }

    [Fact]
    public void List_of_one_empty_or_null_item_reads_back_as_an_empty_list()
    {
        // The one value an empty list and a single empty item cannot both own: the empty list has it.
        Assert.Empty(Codec.Decode<List<string>>(Codec.Encode<List<string>>([""])));
        Assert.Empty(Codec.Decode<List<int?>>(Codec.Encode<List<int?>>([null])));

        // Two or more items are read as written.
        Assert.Equal(["", ""], Codec.Decode<List<string>>(Codec.Encode<List<string>>(["", ""])));
    }

    [Fact]
    public void Null_items_are_written_as_empty_values_and_read_back_as_null()
    {
        List<int?> values = [1, null, 3];

        var encoded = Codec.Encode(values);

        Assert.Equal(["1", "", "3"], encoded);
        Assert.Equal(values, Codec.Decode<List<int?>>(encoded));
    }

    [Fact]
    public void Arrays_and_lists_are_collections_but_a_string_is_not()
    {
        Assert.True(Codec.For<int[]>().IsCollection);
        Assert.True(Codec.For<List<string>>().IsCollection);
        Assert.True(Codec.For<IReadOnlyList<Guid>>().IsCollection);
        Assert.False(Codec.For<string>().IsCollection);
        Assert.False(Codec.For<int?>().IsCollection);
    }
}
