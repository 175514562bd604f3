using System.Globalization;

namespace Blazor.LiveState.Tests.UrlState;

/// <summary>
/// The converter docs/url-state.md shows is this file's <see cref="PointConverter"/>, word for word, so the
/// example compiles and does what the page says.
/// </summary>
public sealed class DocumentedConverterTests
{
    // At the start of a line: this file's own mentions of the class are not.
    private const string ClassLine = "\npublic sealed class PointConverter : IUrlValueConverter<Point>\n";

    [Fact]
    public void Example_in_the_docs_is_the_converter_tested_here()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "url-state.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Blazor.LiveState.Tests", "UrlState", "DocumentedConverterTests.cs")).ReplaceLineEndings("\n");

        var example = ClassText(docs, ClassLine);

        Assert.Equal(example, ClassText(source, ClassLine));
    }

    [Fact]
    public void Example_converter_round_trips_and_refuses_what_it_cannot_read()
    {
        var codec = Codec.For<Point>(converter: typeof(PointConverter));

        Assert.Equal(["-3_14"], codec.Encode(new Point(-3, 14)));
        Assert.Equal(new Point(-3, 14), Codec.Decode<Point>(codec, "-3_14"));
        Codec.AssertRejected(codec, "3");
        Codec.AssertRejected(codec, "3_x");
        Codec.AssertRejected(codec, "1_2_3");
        Codec.AssertRejected(codec, "");
    }

    /// <summary>From the line <paramref name="start"/> to the first line after it that is a lone <c>}</c>.</summary>
    private static string ClassText(string text, string start)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found.");
        var to = text.IndexOf("\n}\n", from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"The end of '{start}' not found.");
        return text[from..(to + 2)];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Blazor.LiveState.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Blazor.LiveState.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The app's own type in the docs' example.</summary>
public readonly record struct Point(int X, int Y);

public sealed class PointConverter : IUrlValueConverter<Point>
{
    public string Format(Point value) => string.Create(CultureInfo.InvariantCulture, $"{value.X}_{value.Y}");

    // Never throw: return false for anything unreadable, and the kit logs it and keeps the default.
    public bool TryParse(string text, out Point value)
    {
        var parts = text.Split('_');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y))
        {
            value = new Point(x, y);
            return true;
        }

        value = default;
        return false;
    }
}
