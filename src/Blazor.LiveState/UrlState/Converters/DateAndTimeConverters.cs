using System.Globalization;
using Blazor.LiveState.Urls;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// A <see cref="DateTime"/>: a plain date (<c>2026-12-24</c>) when it is one, else the round-trip
/// format, which keeps the ticks and the kind (UTC, local or unspecified).
/// </summary>
internal sealed class DateTimeConverter : IUrlValueConverter<DateTime>
{
    public bool TryParse(string text, out DateTime value) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);

    public string Format(DateTime value) => value.Kind == DateTimeKind.Unspecified && value.TimeOfDay == TimeSpan.Zero
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="DateTimeOffset"/> in the round-trip format (<c>2026-12-24T18:30:00.0000000+01:00</c>).</summary>
internal sealed class DateTimeOffsetConverter : IUrlValueConverter<DateTimeOffset>
{
    public bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="DateOnly"/> as <c>yyyy-MM-dd</c>.</summary>
internal sealed class DateOnlyConverter : IUrlValueConverter<DateOnly>
{
    public bool TryParse(string text, out DateOnly value)
    {
        value = default;
        // A date with a time of day is a DateTime, not a date: taking only its date would lose the time unseen.
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || (!text.Contains(':', StringComparison.Ordinal) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value));
    }

    public string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="TimeOnly"/> as short as it can be: <c>18:30</c>, <c>18:30:05</c> or <c>18:30:05.25</c>.</summary>
internal sealed class TimeOnlyConverter : IUrlValueConverter<TimeOnly>
{
    public bool TryParse(string text, out TimeOnly value) =>
        TimeOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public string Format(TimeOnly value)
    {
        var format = value.Ticks % TimeSpan.TicksPerSecond != 0 ? "HH:mm:ss.FFFFFFF"
            : value.Second != 0 ? "HH:mm:ss"
            : "HH:mm";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}

/// <summary>A <see cref="TimeSpan"/> in the constant format (<c>1.02:03:04.5</c>).</summary>
internal sealed class TimeSpanConverter : IUrlValueConverter<TimeSpan>
{
    public bool TryParse(string text, out TimeSpan value) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);

    public string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
