namespace Blazor.LiveState;

/// <summary>
/// Keeps a property of a <see cref="LiveComponentBase"/> (or of a component bound with
/// <see cref="LiveStateBinder"/>) for the browser tab: the value survives a reload, a crash
/// (<c>kill -9</c>), a restart and a deploy to another instance, and comes back before the component's
/// first interactive render. It is not in the URL. Two tabs never share it.
/// </summary>
/// <remarks>
/// The value is saved after each event that changes it, serialized with System.Text.Json (or the
/// <see cref="ITabStateSerializer"/> you configure), and sealed with ASP.NET Core Data Protection to
/// this tab and this signed-in user. By default the sealed state is kept in the tab's
/// <c>sessionStorage</c> (no server-side storage needed); with
/// <see cref="TabStateStorage.DistributedCache"/> it is kept in the app's
/// <c>IDistributedCache</c> (Redis, for example) and the browser holds only the tab's id. The property's
/// type must round-trip through the serializer; state that no longer fits after a deploy (a renamed
/// member, a changed type) is dropped with a warning and the property keeps its default.
/// </remarks>
/// <example>
/// <code>
/// @inherits LiveComponentBase
///
/// @code {
///     [TabState] public int Step { get; set; } = 1;
///     [TabState] public Cart Cart { get; set; } = new();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class TabStateAttribute : Attribute
{
    /// <summary>
    /// The name the value is saved under. Default: the property's name. Set it to keep saved state
    /// restorable when you rename the property.
    /// </summary>
    public string? Name { get; set; }
}
