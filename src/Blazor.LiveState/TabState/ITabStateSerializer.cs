namespace Blazor.LiveState;

/// <summary>
/// Turns a <see cref="TabStateAttribute"/> value into bytes and back. The default uses System.Text.Json
/// with <see cref="TabStateOptions.JsonSerializerOptions"/>; replace it with
/// <see cref="TabStateOptions.Serializer"/> to use another format.
/// </summary>
public interface ITabStateSerializer
{
    /// <summary>Serializes <paramref name="value"/>, declared as <paramref name="type"/>.</summary>
    byte[] Serialize(object? value, Type type);

    /// <summary>
    /// Reads a value of <paramref name="type"/> back. Throws when the bytes do not fit the type (state saved
    /// by an older build, for example): the kit then drops it, logs a warning and keeps the default.
    /// </summary>
    object? Deserialize(ReadOnlySpan<byte> data, Type type);
}
