using Blazor.LiveState.UrlState.Converters;
using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>The codec the kit builds for a property type, reached the way a property reaches it, with typed helpers.</summary>
internal static class Codec
{
    public static QueryValueCodec For<T>(UrlStateOptions? options = null, Type? converter = null) =>
        QueryValueCodecs.For(typeof(T), converter, options ?? new UrlStateOptions());

    public static string[] Encode<T>(T value, UrlStateOptions? options = null, Type? converter = null) =>
        For<T>(options, converter).Encode(value);

    /// <summary>Reads the values of one key, failing the test when the codec rejects them.</summary>
    public static T Decode<T>(params string[] values) => Decode<T>(For<T>(), values);

    public static T Decode<T>(QueryValueCodec codec, params string[] values)
    {
        Assert.True(codec.TryDecode(new StringValues(values), out var value), $"[{string.Join(", ", values)}] was rejected.");
        if (value is null)
        {
            Assert.True(default(T) is null, $"[{string.Join(", ", values)}] was read as null, which {typeof(T)} cannot hold.");
            return default!;
        }

        return Assert.IsAssignableFrom<T>(value);
    }

    /// <summary>Fails the test unless the codec rejects the values and gives no value.</summary>
    public static void AssertRejected<T>(params string[] values) => AssertRejected(For<T>(), values);

    public static void AssertRejected(QueryValueCodec codec, params string[] values)
    {
        Assert.False(codec.TryDecode(new StringValues(values), out var value), $"[{string.Join(", ", values)}] was accepted as {value}.");
        Assert.Null(value);
    }
}
