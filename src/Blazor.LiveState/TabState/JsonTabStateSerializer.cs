using System.Text.Json;

namespace Blazor.LiveState.TabState;

/// <summary>The default <see cref="ITabStateSerializer"/>: System.Text.Json as UTF-8.</summary>
internal sealed class JsonTabStateSerializer(JsonSerializerOptions options) : ITabStateSerializer
{
    public byte[] Serialize(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, options);

    public object? Deserialize(ReadOnlySpan<byte> data, Type type) => JsonSerializer.Deserialize(data, type, options);
}
