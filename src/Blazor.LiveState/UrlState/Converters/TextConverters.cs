using System.Diagnostics.CodeAnalysis;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>Strings as they are; the kit URL-encodes and decodes them.</summary>
internal sealed class StringConverter : IUrlValueConverter<string>
{
    public bool TryParse(string text, [MaybeNullWhen(false)] out string value)
    {
        value = text;
        return true;
    }

    public string Format(string value) => value;
}

/// <summary><c>true</c> and <c>false</c>, read case-insensitively.</summary>
internal sealed class BooleanConverter : IUrlValueConverter<bool>
{
    public bool TryParse(string text, out bool value) => bool.TryParse(text, out value);

    public string Format(bool value) => value ? "true" : "false";
}

/// <summary>A <see cref="Guid"/> in its usual hyphenated form; any form <see cref="Guid.TryParse(string, out Guid)"/> knows is read.</summary>
internal sealed class GuidConverter : IUrlValueConverter<Guid>
{
    public bool TryParse(string text, out Guid value) => Guid.TryParse(text, out value);

    public string Format(Guid value) => value.ToString("D");
}
