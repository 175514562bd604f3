using System.Reflection;

namespace Blazor.LiveState.Forms;

/// <summary>One <see cref="FormRecoveryModelAttribute"/> member (a property or a field) of a component type.</summary>
internal sealed class FormModelMember
{
    private readonly Func<object, object?> _read;

    private FormModelMember(string name, Func<object, object?> read)
    {
        Name = name;
        _read = read;
    }

    /// <summary>The member's name: the first part of the input names its bindings give (<c>_order</c> in <c>_order.Street</c>).</summary>
    public string Name { get; }

    /// <summary>The model the component holds now (null before it made one).</summary>
    public object? ModelOf(object component) => _read(component);

    public static FormModelMember From(PropertyInfo property)
    {
        if (!property.CanRead || property.GetIndexParameters().Length > 0)
        {
            throw new InvalidOperationException(
                $"[FormRecoveryModel] property {property.DeclaringType?.Name}.{property.Name} must have a getter.");
        }

        return new FormModelMember(property.Name, property.GetValue);
    }

    public static FormModelMember From(FieldInfo field) => new(field.Name, field.GetValue);
}
