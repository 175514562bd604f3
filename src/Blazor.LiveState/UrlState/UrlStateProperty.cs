using System.Reflection;
using Blazor.LiveState.UrlState.Converters;

namespace Blazor.LiveState.UrlState;

/// <summary>One <see cref="UrlStateAttribute"/> property of a component type: its key, history mode and codec.</summary>
internal sealed class UrlStateProperty
{
    private readonly PropertyInfo _property;

    public UrlStateProperty(PropertyInfo property, UrlStateAttribute attribute, UrlStateOptions options)
    {
        if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0)
        {
            throw new InvalidOperationException(
                $"[UrlState] property {property.DeclaringType?.Name}.{property.Name} must have a getter and a setter.");
        }

        _property = property;
        Key = string.IsNullOrWhiteSpace(attribute.Name) ? DefaultKey(property.Name) : attribute.Name;
        History = attribute.History;
        KeepDefault = attribute.KeepDefault;
        Codec = QueryValueCodecs.For(property.PropertyType, attribute.Converter, options, attribute.AllowNonFiniteNumbers);
    }

    public string Name => _property.Name;

    public string Key { get; }

    public UrlHistory History { get; }

    public bool KeepDefault { get; }

    public QueryValueCodec Codec { get; }

    public object? GetValue(object component) => _property.GetValue(component);

    public void SetValue(object component, object? value) => _property.SetValue(component, value);

    /// <summary><c>Page</c> → <c>page</c>, <c>SortOrder</c> → <c>sortOrder</c>, <c>ID</c> → <c>iD</c>.</summary>
    private static string DefaultKey(string propertyName) =>
        string.Concat(char.ToLowerInvariant(propertyName[0]).ToString(), propertyName.AsSpan(1));
}
