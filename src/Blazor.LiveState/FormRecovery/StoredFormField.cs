using System.Text.Json;
using System.Text.Json.Serialization;

namespace Blazor.LiveState.Forms;

/// <summary>
/// One field of a stored form snapshot, as the browser keeps it (<c>wwwroot/FormRecovery/snapshot.js</c>): its form's
/// key, its own key (<c>name:</c> and the input's name, for a bound input), its kind and its value.
/// </summary>
internal sealed class StoredFormField
{
    /// <summary>The kind of a text, number, date or single-select value (a string).</summary>
    public const string ValueKind = "v";

    /// <summary>The kind of a checked radio button (a string: its value).</summary>
    public const string RadioKind = "r";

    /// <summary>The kind of a checkbox (a boolean).</summary>
    public const string CheckboxKind = "c";

    /// <summary>The key prefix of a field named by its <c>name</c> attribute.</summary>
    public const string NamePrefix = "name:";

    /// <summary>The key of the form that stored it: <see cref="FormRecovery.Key"/>, by default the type name of the form's model.</summary>
    [JsonPropertyName("f")]
    public string? Form { get; set; }

    [JsonPropertyName("k")]
    public string? Key { get; set; }

    [JsonPropertyName("t")]
    public string? Kind { get; set; }

    [JsonPropertyName("v")]
    public JsonElement Value { get; set; }

    /// <summary>The input's name for a field named by one, else null.</summary>
    public string? InputName => Key is { } key && key.StartsWith(NamePrefix, StringComparison.Ordinal) ? key[NamePrefix.Length..] : null;

    /// <summary>The value as the text an input would hand its binding, or the checkbox's state; null for anything else.</summary>
    public object? BindingValue => (Kind, Value.ValueKind) switch
    {
        (ValueKind or RadioKind, JsonValueKind.String) => Value.GetString(),
        (CheckboxKind, JsonValueKind.True) => true,
        (CheckboxKind, JsonValueKind.False) => false,
        _ => null,
    };
}
