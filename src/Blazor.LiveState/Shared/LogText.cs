using System.Globalization;
using System.Text;

namespace Blazor.LiveState.Shared;

/// <summary>
/// Makes text that came from the browser (a query value, a reason string, an error message) safe to log:
/// one line, no control or bidirectional-formatting characters, and a capped length. A browser decides
/// what it sends; without this it could forge log lines (a newline), hide text from a reader of the log
/// (U+202E), or fill the log (20 KB in one field).
/// </summary>
internal static class LogText
{
    /// <summary>The longest text shown by default; longer text is cut and its full length named.</summary>
    public const int DefaultMaxLength = 120;

    /// <summary>
    /// The text as it may appear in a log line: every control, format (bidi overrides, zero-width) and
    /// line- or paragraph-separator character becomes <c>?</c>, and past <paramref name="maxLength"/> the
    /// rest is cut and replaced by <c>… (N characters)</c>. Null becomes an empty string.
    /// </summary>
    public static string FromBrowser(string? text, int maxLength = DefaultMaxLength) =>
        text is null || text.Length <= maxLength ? Clean(text) : Clean(text[..maxLength]) + Cut(text);

    /// <summary>Like <see cref="FromBrowser"/>, in double quotes, so that an empty or space-only value is visible.</summary>
    public static string Quoted(string? text, int maxLength = DefaultMaxLength) =>
        text is null || text.Length <= maxLength ? $"\"{Clean(text)}\"" : $"\"{Clean(text[..maxLength])}…\"" + Cut(text)[1..];

    private static string Cut(string text) => $"… ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)";

    private static string Clean(string? shown)
    {
        if (string.IsNullOrEmpty(shown))
        {
            return "";
        }

        var builder = new StringBuilder(shown.Length);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                // A whole pair (an emoji, say) is kept as it is.
                builder.Append(c).Append(shown[++i]);
            }
            else
            {
                builder.Append(IsUnsafe(c) ? '?' : c);
            }
        }

        return builder.ToString();
    }

    // Control characters (newlines included), format characters (the bidi overrides U+202A–U+202E and
    // U+2066–U+2069, zero-width joiners), line and paragraph separators, and a surrogate that is not half of
    // a pair.
    private static bool IsUnsafe(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
