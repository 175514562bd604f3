using System.Collections;
using System.Globalization;
using System.Text;
using Blazor.LiveState.UrlState;
using Blazor.LiveState.UrlState.Converters;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>
/// Property-based round trips with fixed seeds: random values of every supported type, edge values first,
/// read back equal to what was written, both straight from the codec and through the whole URL path the
/// kit takes (codec, <see cref="NavigationManagerExtensions.GetUriWithQueryParameters(NavigationManager, string, IReadOnlyDictionary{string, object?})"/>,
/// <see cref="QueryValues.Parse"/>, codec).
/// </summary>
public sealed class ConverterRoundTripTests
{
    private const int Iterations = 1000;
    private const string Key = "v";

    // Pieces that break naive URL handling, mixed with plain text and Unicode beyond the BMP.
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "42", " ", "  ", ",", "%", "%25", "%2B", "%zz", "%%", "+", "++", "&", "=", "&v=", "#", "?", "/", "\\", ";",
        ":", "@", "!", "$", "'", "\"", "`", "<script>", "</script>", "<script>alert('x')</script>", "<", ">", "&amp;", "\t", "\n",
        "\r\n", "~", "*", "(", ")", "[", "]", "{", "}", "|", "^", "é", "e\u0301", "ß", "Ω", "日本語", "שלום", "مرحبا", "\u00A0",
        "\u200B", "\uFEFF", "\u0000", "\u007F", "😀", "👍🏽", "👨‍👩‍👧", "𝄞", "🏳️‍🌈", "null", "undefined", "true",
    ];

    private readonly TestNavigationManager _navigation = new();

    [Fact]
    public void Random_strings_survive_the_whole_url_path() =>
        AssertRoundTrips(101, RandomString, ["", " ", "+", "%2B", "a+b c", "&v=1#x", "<script>alert('x')</script>", "😀", new string('x', 2048)]);

    [Fact]
    public void Random_string_lists_survive_the_whole_url_path_in_order() =>
        AssertRoundTrips(102, r => Enumerable.Range(0, r.Next(1, 6)).Select(_ => RandomString(r)).ToList(), [["", ""], ["a", "a"], [",", "&", "="]], ListReadBack);

    [Fact]
    public void Random_booleans_read_back_as_written() =>
        AssertRoundTrips(103, r => r.Next(2) == 1, [true, false]);

    [Fact]
    public void Random_bytes_and_shorts_read_back_as_written()
    {
        AssertRoundTrips(201, r => (byte)r.Next(256), [byte.MinValue, byte.MaxValue]);
        AssertRoundTrips(202, r => (sbyte)r.Next(256), [sbyte.MinValue, sbyte.MaxValue, (sbyte)0, (sbyte)-1]);
        AssertRoundTrips(203, r => (short)r.Next(65536), [short.MinValue, short.MaxValue, (short)0, (short)-1]);
        AssertRoundTrips(204, r => (ushort)r.Next(65536), [ushort.MinValue, ushort.MaxValue]);
    }

    [Fact]
    public void Random_ints_and_longs_read_back_as_written()
    {
        AssertRoundTrips(205, r => (int)RandomBits(r), [int.MinValue, int.MaxValue, 0, -1, 1]);
        AssertRoundTrips(206, r => (uint)RandomBits(r), [uint.MinValue, uint.MaxValue]);
        AssertRoundTrips(207, r => (long)RandomBits(r), [long.MinValue, long.MaxValue, 0L, -1L]);
        AssertRoundTrips(208, RandomBits, [ulong.MinValue, ulong.MaxValue]);
    }

    [Fact]
    public void Random_128_bit_integers_read_back_as_written()
    {
        AssertRoundTrips(209, r => (Int128)new UInt128(RandomBits(r), RandomBits(r)), [Int128.MinValue, Int128.MaxValue, Int128.Zero, Int128.NegativeOne]);
        AssertRoundTrips(210, r => new UInt128(RandomBits(r), RandomBits(r)), [UInt128.MinValue, UInt128.MaxValue]);
    }

    [Fact]
    public void Random_halves_read_back_bit_for_bit()
    {
        Half[] edges = [Half.MinValue, Half.MaxValue, Half.Epsilon, -Half.Epsilon, Half.NaN, Half.PositiveInfinity, Half.NegativeInfinity, Half.Zero, Half.NegativeZero, (Half)0.1];
        AssertFloatingPointRoundTrips(301, r => BitConverter.UInt16BitsToHalf((ushort)r.Next(65536)), edges, (a, b) => Half.IsNaN(a) ? Half.IsNaN(b) : BitConverter.HalfToUInt16Bits(a) == BitConverter.HalfToUInt16Bits(b));
    }

    [Fact]
    public void Random_floats_read_back_bit_for_bit()
    {
        float[] edges = [float.MinValue, float.MaxValue, float.Epsilon, -float.Epsilon, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 0.1f, 1e-45f, 3.4028235E+38f];
        AssertFloatingPointRoundTrips(
            302,
            r => r.Next(2) == 0 ? BitConverter.UInt32BitsToSingle((uint)RandomBits(r)) : (float)Math.Round((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-5, 10)), r.Next(0, 6)),
            edges,
            (a, b) => float.IsNaN(a) ? float.IsNaN(b) : BitConverter.SingleToUInt32Bits(a) == BitConverter.SingleToUInt32Bits(b));
    }

    [Fact]
    public void Random_doubles_read_back_bit_for_bit()
    {
        double[] edges = [double.MinValue, double.MaxValue, double.Epsilon, -double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0d, -0d, 0.1, 1e21, 1e-300, 5e-324];
        AssertFloatingPointRoundTrips(
            303,
            r => r.Next(2) == 0 ? BitConverter.UInt64BitsToDouble(RandomBits(r, all: true)) : Math.Round((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-10, 20)), r.Next(0, 12)),
            edges,
            (a, b) => double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToUInt64Bits(a) == BitConverter.DoubleToUInt64Bits(b));
    }

    [Fact]
    public void Random_decimals_read_back_with_their_scale()
    {
        decimal[] edges = [decimal.MinValue, decimal.MaxValue, decimal.Zero, decimal.One, decimal.MinusOne, 0.0000000000000000000000000001m, 1.0000000000000000000000000000m, 1.50m, -0.500m, 7.9228162514264337593543950335m];
        AssertRoundTrips(
            304,
            r => new decimal((int)RandomBits(r), r.Next(3) == 0 ? 0 : (int)RandomBits(r), r.Next(2) == 0 ? 0 : (int)RandomBits(r), r.Next(2) == 1, (byte)r.Next(29)),
            edges,
            (a, b) => a == b && a.Scale == b.Scale);
    }

    [Fact]
    public void Random_guids_read_back_as_written() =>
        AssertRoundTrips(401, r => new Guid(RandomBytes(r, 16)), [Guid.Empty, Guid.AllBitsSet]);

    [Fact]
    public void Random_dates_and_times_of_every_kind_read_back_with_their_ticks_and_kind()
    {
        DateTime[] edges =
        [
            DateTime.MinValue, DateTime.MaxValue, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            new(2026, 12, 24), new(2026, 12, 24, 0, 0, 0, DateTimeKind.Utc), new(2026, 12, 24, 0, 0, 0, DateTimeKind.Local), new(2000, 2, 29, 23, 59, 59, 999, DateTimeKind.Local),
        ];
        AssertRoundTrips(501, RandomDateTime, edges, (a, b) => a.Ticks == b.Ticks && a.Kind == b.Kind);
    }

    [Fact]
    public void Random_dates_with_offsets_read_back_with_their_offset()
    {
        DateTimeOffset[] edges =
        [
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch,
            new(DateTime.MinValue.AddHours(14), TimeSpan.FromHours(14)), new(DateTime.MaxValue.AddHours(-14), TimeSpan.FromHours(-14)),
            new(DateTime.MinValue, TimeSpan.FromHours(-14)), new(DateTime.MaxValue, TimeSpan.FromHours(14)),
            new(2026, 3, 29, 2, 30, 0, TimeSpan.FromMinutes(345)),
        ];
        AssertRoundTrips(502, RandomDateTimeOffset, edges, (a, b) => a.EqualsExact(b));
    }

    [Fact]
    public void Random_dates_read_back_as_written() =>
        AssertRoundTrips(503, r => DateOnly.FromDayNumber(r.Next(DateOnly.MaxValue.DayNumber + 1)), [DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29)]);

    [Fact]
    public void Random_times_of_day_read_back_to_the_tick()
    {
        // Whole minutes, seconds and milliseconds too, for each of the converter's formats.
        long[] granularity = [1, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute];
        AssertRoundTrips(
            504,
            r =>
            {
                var ticks = r.NextInt64(TimeOnly.MaxValue.Ticks + 1);
                return new TimeOnly(ticks - (ticks % granularity[r.Next(granularity.Length)]));
            },
            [TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(1), new TimeOnly(12, 0), new TimeOnly(23, 59, 59)]);
    }

    [Fact]
    public void Random_time_spans_read_back_to_the_tick() =>
        AssertRoundTrips(505, r => new TimeSpan((long)RandomBits(r, all: true)), [TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromTicks(1), TimeSpan.FromDays(-1)]);

    [Fact]
    public void Random_enum_values_read_back_as_written()
    {
        AssertRoundTrips(601, r => (SortOrder)r.Next(3), [SortOrder.Name, SortOrder.Size]);
        AssertRoundTrips(602, r => (Colors)r.Next(8), [Colors.None, Colors.Red | Colors.Green | Colors.Blue]);
    }

    [Fact]
    public void Random_self_parsing_values_read_back_as_written() =>
        AssertRoundTrips(701, r => new GridPoint((int)RandomBits(r), (int)RandomBits(r)), [new GridPoint(int.MinValue, int.MaxValue)]);

    [Fact]
    public void Random_nullable_values_read_back_as_written_and_null_leaves_the_key_out()
    {
        AssertRoundTrips(801, r => r.Next(4) == 0 ? null : (int?)RandomBits(r), [null, int.MinValue]);
        AssertRoundTrips(802, r => r.Next(4) == 0 ? null : (DateTimeOffset?)RandomDateTimeOffset(r), [null], (a, b) => a is null ? b is null : b is { } c && a.Value.EqualsExact(c));
        AssertRoundTrips(803, r => r.Next(4) == 0 ? null : (Colors?)r.Next(8), [null, Colors.None]);
    }

    [Fact]
    public void Random_lists_read_back_in_order_and_an_empty_one_as_empty()
    {
        AssertRoundTrips(901, r => Enumerable.Range(0, r.Next(0, 8)).Select(_ => (int)RandomBits(r)).ToArray(), [[], [int.MinValue, int.MaxValue]], ListReadBack);
        AssertRoundTrips(902, r => Enumerable.Range(0, r.Next(0, 8)).Select(_ => r.Next(3) == 0 ? null : (double?)r.NextDouble()).ToList(), [[], [null], [null, 1.5, null]], ListReadBack);
        AssertRoundTrips<IReadOnlyList<Guid>>(903, r => [.. Enumerable.Range(0, r.Next(0, 8)).Select(_ => new Guid(RandomBytes(r, 16)))], [[], [Guid.Empty]], ListReadBack);
    }

    [Fact]
    public void Writing_one_key_keeps_the_others_of_the_url()
    {
        var uri = _navigation.GetUriWithQueryParameters("http://localhost/page?keep=1&v=old#top", new Dictionary<string, object?> { [Key] = Codec.Encode("a+b c") });

        var query = QueryValues.Parse(uri);

        Assert.Equal("1", query["keep"]);
        Assert.Equal("a+b c", query[Key]);
        Assert.Equal("http://localhost/page", query.Path);
    }

    /// <summary>
    /// Every value, NaN and the infinities too, through a property that allows them; the finite values through
    /// one that does not (the same seed: the non-finite values are left out).
    /// </summary>
    private void AssertFloatingPointRoundTrips<T>(int seed, Func<Random, T> next, IEnumerable<T> edges, Func<T, T, bool> equal)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var allowing = QueryValueCodecs.For(typeof(T), null, new UrlStateOptions(), allowNonFiniteNumbers: true);
        AssertRoundTrips(seed, next, edges, equal, allowing);
        AssertRoundTrips(seed, r => next(r) is var value && T.IsFinite(value) ? value : T.Zero, edges.Where(T.IsFinite), equal);
    }

    /// <summary>
    /// Writes each value (the edges, then <see cref="Iterations"/> random ones) and reads it back, from the
    /// codec's own text and from a URL built and parsed the way the kit does it.
    /// </summary>
    private void AssertRoundTrips<T>(int seed, Func<Random, T> next, IEnumerable<T> edges, Func<T, T, bool>? equal = null, QueryValueCodec? codec = null)
    {
        var random = new Random(seed);
        codec ??= Codec.For<T>();
        equal ??= EqualityComparer<T>.Default.Equals;
        var count = 0;
        foreach (var value in edges.Concat(Enumerable.Range(0, Iterations).Select(_ => next(random))))
        {
            count++;
            var encoded = codec.Encode(value);
            var uri = _navigation.GetUriWithQueryParameters("http://localhost/page?keep=1", new Dictionary<string, object?> { [Key] = encoded });
            var fromUrl = QueryValues.Parse(uri)[Key];
            var context = $"{typeof(T).Name} {Show(value)} (seed {seed}, value {count}) was written as [{string.Join(", ", encoded.Select(Show))}] in {uri}";

            if (encoded.Length == 0)
            {
                Assert.True(value is null or ICollection { Count: 0 }, $"{context}: only null or an empty collection may leave the key out.");
                Assert.True(StringValues.IsNullOrEmpty(fromUrl), $"{context}: the key is still in the URL.");
                continue;
            }

            Assert.True(codec.TryDecode(new StringValues(encoded), out var decoded), $"{context}: the codec rejects its own text.");
            Assert.True(equal(value, (T)decoded!), $"{context}: read back as {Show(decoded)}.");
            Assert.True(fromUrl.ToArray().SequenceEqual<string?>(encoded), $"{context}: read from the URL as [{string.Join(", ", fromUrl.Select(Show))}].");
            Assert.True(codec.TryDecode(fromUrl, out var decodedFromUrl), $"{context}: the value from the URL was rejected.");
            Assert.True(equal(value, (T)decodedFromUrl!), $"{context}: read back from the URL as {Show(decodedFromUrl)}.");
        }
    }

    /// <summary>
    /// The items in order; except that a list of exactly one empty or null item shares its text with the empty
    /// list (<c>?v=</c>) and reads back empty, by design (docs/url-state.md).
    /// </summary>
    private static bool ListReadBack<TItem>(IEnumerable<TItem> written, IEnumerable<TItem> read) =>
        written.SequenceEqual(read)
        || (written.ToList() is [var only] && (only is null || only is "") && !read.Any());

    private static string RandomString(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(10) == 0 ? random.Next(50, 300) : random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => ((char)random.Next(0x20, 0xD800)).ToString(),
                1 => char.ConvertFromUtf32(random.Next(0x10000, 0x110000)),
                _ => Pieces[random.Next(Pieces.Length)],
            });
        }

        return text.ToString();
    }

    /// <summary>Random bits, often of a small magnitude so that short numbers come up too; negative half the time when read as signed.</summary>
    private static ulong RandomBits(Random random) => RandomBits(random, all: false);

    private static ulong RandomBits(Random random, bool all)
    {
        var bits = BitConverter.ToUInt64(RandomBytes(random, 8));
        return all || random.Next(2) == 0 ? bits : (bits >> random.Next(64)) | (random.Next(2) == 0 ? 0 : 0xFFFF_FFFF_FFFF_FFFF << random.Next(1, 64));
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static DateTime RandomDateTime(Random random)
    {
        var kind = (DateTimeKind)random.Next(3);
        if (kind == DateTimeKind.Local)
        {
            // A local time in a daylight-saving gap names no instant; years far from the limits keep the offset in range.
            DateTime local;
            do
            {
                local = new DateTime(random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks), DateTimeKind.Local);
            }
            while (TimeZoneInfo.Local.IsInvalidTime(local));
            return local;
        }

        var ticks = random.NextInt64(DateTime.MaxValue.Ticks + 1);
        return new DateTime(random.Next(2) == 0 ? ticks - (ticks % TimeSpan.TicksPerDay) : ticks, kind);
    }

    private static DateTimeOffset RandomDateTimeOffset(Random random)
    {
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
        // The UTC instant, local time minus offset, must be a valid date too.
        var min = Math.Max(0, offset.Ticks);
        var max = DateTime.MaxValue.Ticks + Math.Min(0, offset.Ticks);
        return new DateTimeOffset(random.NextInt64(min, max + 1), offset);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string text => $"\"{string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"))}\"",
        IFormattable formattable when value is DateTime or DateTimeOffset or TimeOnly => formattable.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Show))}]",
        _ => value.ToString() ?? "",
    };

    /// <summary>Just enough of a NavigationManager to build URLs with the framework's own query-string writer.</summary>
    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/page");
    }
}
