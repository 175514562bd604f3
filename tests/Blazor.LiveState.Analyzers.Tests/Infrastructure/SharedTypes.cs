namespace Blazor.LiveState.Analyzers.Tests.Infrastructure;

/// <summary>C# source of types that several tests' code uses, appended to a test project's source.</summary>
internal static class SharedTypes
{
    /// <summary>A value type the kit has no converter for, and a converter for it.</summary>
    public const string Point = """

        public readonly record struct Point(int X, int Y);

        public sealed class PointConverter : IUrlValueConverter<Point>
        {
            public string Format(Point value) => $"{value.X}_{value.Y}";

            public bool TryParse(string text, out Point value)
            {
                value = default;
                return false;
            }
        }
        """;

    /// <summary>Converters that cannot be used for a Point: for another type, not creatable, not a converter.</summary>
    public const string UnfitConverters = """

        public sealed class UpperConverter : IUrlValueConverter<string>
        {
            public string Format(string value) => value.ToUpperInvariant();

            public bool TryParse(string text, out string value)
            {
                value = text;
                return true;
            }
        }

        public sealed class MaybeIntConverter : IUrlValueConverter<int?>
        {
            public string Format(int? value) => "";

            public bool TryParse(string text, out int? value)
            {
                value = null;
                return false;
            }
        }

        public sealed class ConfiguredPointConverter(string separator) : IUrlValueConverter<Point>
        {
            public string Format(Point value) => $"{value.X}{separator}{value.Y}";

            public bool TryParse(string text, out Point value)
            {
                value = default;
                return false;
            }
        }

        public abstract class PointConverterBase : IUrlValueConverter<Point>
        {
            public abstract string Format(Point value);

            public abstract bool TryParse(string text, out Point value);
        }

        public sealed class NotAConverter;
        """;

    /// <summary>An enum and types that parse themselves (Sku, Code) or only through their base (ShortCode).</summary>
    public const string Parsables = """

        public enum Sort { Name, Price }

        public readonly record struct Sku(string Value) : IParsable<Sku>
        {
            public static Sku Parse(string s, IFormatProvider? provider) => new(s);

            public static bool TryParse(string? s, IFormatProvider? provider, out Sku result)
            {
                result = new(s ?? "");
                return s is not null;
            }
        }

        public class Code : IParsable<Code>
        {
            public static Code Parse(string s, IFormatProvider? provider) => new();

            public static bool TryParse(string? s, IFormatProvider? provider, out Code result)
            {
                result = new();
                return true;
            }
        }

        public sealed class ShortCode : Code;
        """;

    /// <summary>A project that sets the kit up, as an app does in Program.cs; converters are registered there.</summary>
    public const string Setup = """

        public static class Startup
        {
            public static void Configure(IServiceCollection services) => services.AddLiveState();
        }
        """;
}
