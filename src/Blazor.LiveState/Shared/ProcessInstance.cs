namespace Blazor.LiveState.Shared;

/// <summary>
/// Names this server process. A browser whose circuit lived in another process knows, without asking,
/// that a reconnect there cannot succeed (a restart or deploy replaced the process).
/// </summary>
internal sealed class ProcessInstance
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
