using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Sets stored form fields on a <see cref="FormRecoveryModelAttribute"/> model, by the input names Blazor's bindings
/// give (<c>_order.Address.Street</c>): only public settable properties of simple types, converted as the inputs
/// convert (<see cref="BindConverter"/>, invariant culture, as a browser's input values are). A field that does not
/// name such a property, or whose value does not convert, is left for the form's own restore.
/// </summary>
internal static class FormModelValues
{
    // Deeper than any form model: a longer name is not a binding's.
    private const int MaxDepth = 8;

    private static readonly HashSet<Type> s_simpleTypes =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset),
        typeof(DateOnly), typeof(TimeOnly), typeof(Guid),
    ];

    private static readonly MethodInfo s_tryConvertTo = typeof(BindConverter).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(BindConverter.TryConvertTo) && m.IsGenericMethodDefinition && m.GetParameters().Length == 3);

    private static readonly ConcurrentDictionary<Type, Func<object, (bool Converted, object? Value)>> s_converters = new();

    /// <summary>Sets on <paramref name="model"/> each of <paramref name="fields"/> whose input name is <paramref name="root"/> and a property path; returns how many it changed.</summary>
    public static int Apply(object model, string root, IEnumerable<StoredFormField> fields)
    {
        var prefix = root + ".";
        var changed = 0;
        foreach (var field in fields)
        {
            if (field.InputName is { } name && name.StartsWith(prefix, StringComparison.Ordinal) && field.BindingValue is { } value
                && TrySet(model, name[prefix.Length..], value))
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>Sets the property <paramref name="path"/> names; false when there is none, it cannot take the value, or already holds it.</summary>
    private static bool TrySet(object model, string path, object value)
    {
        var parts = path.Split('.');
        if (parts.Length > MaxDepth)
        {
            return false;
        }

        var owner = model;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (PublicProperty(owner.GetType(), parts[i]) is not { CanRead: true } step || step.GetGetMethod() is null
                || step.GetValue(owner) is not { } next || IsSimple(next.GetType()))
            {
                return false;
            }

            owner = next;
        }

        if (PublicProperty(owner.GetType(), parts[^1]) is not { CanWrite: true } property || property.GetSetMethod() is null
            || !IsSimple(property.PropertyType) || !TryConvert(value, property.PropertyType, out var converted))
        {
            return false;
        }

        if (Equals(property.GetValue(owner), converted) || (converted is "" && property.GetValue(owner) is null))
        {
            // Already what the field would show: nothing to change (an empty text stays null, as the input leaves it).
            return false;
        }

        property.SetValue(owner, converted);
        return true;
    }

    // Public instance properties only, never an indexer: the part of the model a form binds.
    private static PropertyInfo? PublicProperty(Type type, string name) =>
        name.Length > 0 && type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property && property.GetIndexParameters().Length == 0
            ? property
            : null;

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return s_simpleTypes.Contains(underlying) || underlying.IsEnum;
    }

    private static bool TryConvert(object value, Type type, out object? converted)
    {
        if (value is bool flag)
        {
            // A checkbox: only a bool property takes its state.
            converted = flag;
            return (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);
        }

        (var ok, converted) = s_converters.GetOrAdd(type, Converter)(value);
        return ok;
    }

    private static Func<object, (bool, object?)> Converter(Type type)
    {
        var tryConvert = s_tryConvertTo.MakeGenericMethod(type);
        return value =>
        {
            var arguments = new object?[] { value, CultureInfo.InvariantCulture, null };
            try
            {
                return (bool)tryConvert.Invoke(null, arguments)! ? (true, arguments[2]) : (false, null);
            }
            catch (TargetInvocationException)
            {
                // A value the converter refuses by throwing (an overflow, say) converts as little as one it rejects.
                return (false, null);
            }
        };
    }
}
