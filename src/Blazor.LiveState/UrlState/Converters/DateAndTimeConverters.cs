using System.Globalization;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// The ISO 8601 forms the date and time converters read: exactly what they write, and its shorter forms (no
/// seconds, fewer fraction digits). Nothing that depends on a culture (<c>12/31/2026</c>) and no time of day
/// alone (<c>10:30</c>, which .NET would read as a <see cref="DateTime"/> of today).
/// </summary>
internal static class IsoFormats
{
    public const string Date = "yyyy-MM-dd";

    /// <summary><c>HH:mm</c>, <c>HH:mm:ss</c>, and <c>HH:mm:ss</c> with one to seven fraction digits.</summary>
    public static readonly string[] TimesOfDay =
        ["HH:mm", "HH:mm:ss", .. Enumerable.Range(1, 7).Select(digits => "HH:mm:ss." + new string('f', digits))];

    /// <summary>A date, <c>T</c>, a time of day, then <paramref name="zone"/>.</summary>
    public static string[] DateAndTime(string zone) => [.. TimesOfDay.Select(time => $"{Date}'T'{time}{zone}")];
}

/// <summary>
/// A <see cref="DateTime"/>: a plain date (<c>2026-12-24</c>) when it is one, else the round-trip format,
/// which keeps the ticks and the kind (UTC, local or unspecified). Reads <c>yyyy-MM-dd</c> and
/// <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c> with an optional <c>Z</c> (UTC) or offset (local).
/// </summary>
internal sealed class DateTimeConverter : IUrlValueConverter<DateTime>
{
    // K: nothing (unspecified), Z (UTC) or an offset (converted to local time), as the round-trip format writes them.
    private static readonly string[] Formats = [IsoFormats.Date, .. IsoFormats.DateAndTime("K")];

    public bool TryParse(string text, out DateTime value) =>
        DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);

    public string Format(DateTime value) => value.Kind == DateTimeKind.Unspecified && value.TimeOfDay == TimeSpan.Zero
        ? value.ToString(IsoFormats.Date, CultureInfo.InvariantCulture)
        : value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// A <see cref="DateTimeOffset"/> in the round-trip format (<c>2026-12-24T18:30:00.0000000+01:00</c>). Reads
/// <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c> with an offset or <c>Z</c>, never without one: the server's own time
/// zone would stand in for it.
/// </summary>
internal sealed class DateTimeOffsetConverter : IUrlValueConverter<DateTimeOffset>
{
    private static readonly string[] WithOffset = IsoFormats.DateAndTime("zzz");
    private static readonly string[] Utc = IsoFormats.DateAndTime("'Z'");

    public bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
        || DateTimeOffset.TryParseExact(text, Utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    public string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="DateOnly"/> as <c>yyyy-MM-dd</c>, and read only so.</summary>
internal sealed class DateOnlyConverter : IUrlValueConverter<DateOnly>
{
    public bool TryParse(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, IsoFormats.Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public string Format(DateOnly value) => value.ToString(IsoFormats.Date, CultureInfo.InvariantCulture);
}

/// <summary>
/// A <see cref="TimeOnly"/> as short as it can be: <c>18:30</c>, <c>18:30:05</c> or <c>18:30:05.25</c>; reads
/// <c>HH:mm[:ss[.fffffff]]</c>.
/// </summary>
internal sealed class TimeOnlyConverter : IUrlValueConverter<TimeOnly>
{
    public bool TryParse(string text, out TimeOnly value) =>
        TimeOnly.TryParseExact(text, IsoFormats.TimesOfDay, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public string Format(TimeOnly value)
    {
        var format = value.Ticks % TimeSpan.TicksPerSecond != 0 ? "HH:mm:ss.FFFFFFF"
            : value.Second != 0 ? "HH:mm:ss"
            : "HH:mm";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// A <see cref="TimeSpan"/> in the constant format (<c>1.02:03:04.5</c>), and read only in it:
/// <c>[-][d.]hh:mm:ss[.fffffff]</c>. .NET's own parser would also take <c>10</c> as ten days.
/// </summary>
internal sealed partial class TimeSpanConverter : IUrlValueConverter<TimeSpan>
{
    public bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        return ConstantFormat().IsMatch(text) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
    }

    public string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A-?(?:[0-9]{1,8}\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ConstantFormat();
}
