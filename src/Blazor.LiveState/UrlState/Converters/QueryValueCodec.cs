using Microsoft.Extensions.Primitives;

namespace Blazor.LiveState.UrlState.Converters;

/// <summary>
/// Reads a property's value from every query value of its key, and writes it back as the values of that
/// key (none: the key is left out). Built by <see cref="QueryValueCodecs"/> from the property's type.
/// </summary>
internal abstract class QueryValueCodec
{
    /// <summary>Whether the property holds several values, written as one key repeated.</summary>
    public virtual bool IsCollection => false;

    /// <summary>Reads the values of the key (at least one). Returns false when they are not a valid value.</summary>
    public abstract bool TryDecode(StringValues values, out object? value);

    /// <summary>Writes <paramref name="value"/>; no values at all leaves the key out.</summary>
    public abstract string[] Encode(object? value);
}

/// <summary>One value, through an <see cref="IUrlValueConverter{T}"/>. The first of repeated keys wins.</summary>
internal sealed class ScalarCodec<T>(IUrlValueConverter<T> converter) : QueryValueCodec
{
    public override bool TryDecode(StringValues values, out object? value)
    {
        if (converter.TryParse(values[0] ?? "", out var parsed))
        {
            value = parsed;
            return true;
        }

        value = null;
        return false;
    }

    public override string[] Encode(object? value) => value is null ? [] : [converter.Format((T)value)];
}

/// <summary>A nullable value: no key or an empty value is <see langword="null"/>.</summary>
internal sealed class NullableCodec(QueryValueCodec inner) : QueryValueCodec
{
    public override bool TryDecode(StringValues values, out object? value)
    {
        if (string.IsNullOrEmpty(values[0]))
        {
            value = null;
            return true;
        }

        return inner.TryDecode(values, out value);
    }

    public override string[] Encode(object? value) => value is null ? [] : inner.Encode(value);
}

/// <summary>
/// An array or list: one key per item, in order (<c>?tag=a&amp;tag=b</c>). Any malformed item rejects the whole
/// value. An empty list is the key with one empty value (<c>?tag=</c>), so that it differs from the key left
/// out, which means the default: a user who clears a list whose default is not empty gets an empty list back
/// after a reload. The price: a list of exactly one empty or null item reads back as an empty list.
/// </summary>
internal sealed class CollectionCodec(QueryValueCodec element, Type elementType, bool isArray) : QueryValueCodec
{
    public override bool IsCollection => true;

    public override bool TryDecode(StringValues values, out object? value)
    {
        if (values.Count == 1 && string.IsNullOrEmpty(values[0]))
        {
            value = CreateEmpty();
            return true;
        }

        var items = new List<object?>(values.Count);
        foreach (var text in values)
        {
            if (!element.TryDecode(new StringValues(text), out var item))
            {
                value = null;
                return false;
            }

            items.Add(item);
        }

        value = Create(items);
        return true;
    }

    /// <summary>A new, empty collection of the property's type.</summary>
    public object CreateEmpty() => Create([]);

    public override string[] Encode(object? value)
    {
        if (value is not System.Collections.IEnumerable items)
        {
            return [];
        }

        var encoded = new List<string>();
        foreach (var item in items)
        {
            // A null item has no text; an empty value stands for it, and reads back as null for nullable items.
            encoded.Add(item is null ? "" : element.Encode(item) is [var text, ..] ? text : "");
        }

        return encoded.Count == 0 ? [""] : [.. encoded];
    }

    private object Create(List<object?> items)
    {
        if (isArray)
        {
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(items[i], i);
            }

            return array;
        }

        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType), items.Count)!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
