using System.Reflection;

namespace Blazor.LiveState.TabState;

/// <summary>One <see cref="TabStateAttribute"/> property of a component type.</summary>
internal sealed class TabStateProperty
{
    private readonly PropertyInfo _property;

    public TabStateProperty(PropertyInfo property, TabStateAttribute attribute)
    {
        if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0)
        {
            throw new InvalidOperationException(
                $"[TabState] property {property.DeclaringType?.Name}.{property.Name} must have a getter and a setter.");
        }

        _property = property;
        Name = string.IsNullOrWhiteSpace(attribute.Name) ? property.Name : attribute.Name;
    }

    /// <summary>The name the value is saved under.</summary>
    public string Name { get; }

    public string PropertyName => _property.Name;

    public Type Type => _property.PropertyType;

    public object? GetValue(object component) => _property.GetValue(component);

    public void SetValue(object component, object? value) => _property.SetValue(component, value);
}
