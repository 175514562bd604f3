using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Blazor.LiveState.Tests.UrlState;

public enum SortOrder
{
    Name,
    Date,
    Size,
}

[Flags]
public enum Colors
{
    None = 0,
    Red = 1,
    Green = 2,
    Blue = 4,
}

/// <summary>Flags without a name for zero: "none set" must still round-trip.</summary>
[Flags]
public enum Toppings
{
    Cheese = 1,
    Olives = 2,
}

/// <summary>A type that parses itself, written <c>3_4</c>.</summary>
public readonly record struct GridPoint(int X, int Y) : IParsable<GridPoint>
{
    public static GridPoint Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var point) ? point : throw new FormatException($"'{s}' is not a grid point.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out GridPoint result)
    {
        result = default;
        var parts = s?.Split('_');
        if (parts is not [var x, var y]
            || !int.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsedX)
            || !int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsedY))
        {
            return false;
        }

        result = new GridPoint(parsedX, parsedY);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X}_{Y}");
}

/// <summary>A type the kit cannot read by itself.</summary>
public sealed record Money(decimal Amount, string Currency);

/// <summary>Money as <c>12.50EUR</c>.</summary>
public sealed class MoneyConverter : IUrlValueConverter<Money>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out Money value)
    {
        value = null;
        if (text.Length < 4
            || !decimal.TryParse(text.AsSpan(0, text.Length - 3), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        value = new Money(amount, text[^3..]);
        return true;
    }

    public string Format(Money value) => value.Amount.ToString(CultureInfo.InvariantCulture) + value.Currency;
}

/// <summary>A replacement for the kit's own <see cref="bool"/> converter: <c>yes</c> and <c>no</c>.</summary>
public sealed class YesNoConverter : IUrlValueConverter<bool>
{
    public bool TryParse(string text, out bool value)
    {
        value = text == "yes";
        return text is "yes" or "no";
    }

    public string Format(bool value) => value ? "yes" : "no";
}

/// <summary>A converter of a whole array, as one value: <c>1-2-3</c>.</summary>
public sealed class DashedIntsConverter : IUrlValueConverter<int[]>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out int[] value)
    {
        value = null;
        var items = new List<int>();
        foreach (var part in text.Split('-'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var item))
            {
                return false;
            }

            items.Add(item);
        }

        value = [.. items];
        return true;
    }

    public string Format(int[] value) => string.Join('-', value.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
