namespace Blazor.LiveState;

/// <summary>
/// Marks the model of an <c>EditForm</c> that has a <see cref="FormRecovery"/>, on a
/// <see cref="LiveComponentBase"/> (or a component bound with <see cref="LiveStateBinder"/>): what this tab stored
/// for the form is set on the model's properties before the component's first interactive render, rather than
/// field by field through the inputs' events once the form is on the page. After a crash the reloaded page's
/// model, and everything rendered from it, is right from its first interactive render.
/// </summary>
/// <remarks>
/// <para>
/// A stored field is matched to the model by the input's <c>name</c>, which Blazor's input components derive from
/// their binding: <c>@bind-Value="_order.Street"</c> on a member <c>_order</c> marked with this attribute sets the
/// model's <c>Street</c>; <c>_order.Address.Street</c> sets <c>Street</c> on the object the model's
/// <c>Address</c> holds. Only public settable properties of these types are set: <see cref="string"/>,
/// <see cref="bool"/>, the numeric types, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// <see cref="DateOnly"/>, <see cref="TimeOnly"/>, <see cref="Guid"/>, enums, and their nullable forms. Anything
/// else (a multi-select, a collection item, a value that does not convert) is put back through its input's events
/// as without the attribute. Only the model's own form is read: the snapshot <see cref="FormRecovery"/> keys by the
/// model's type name, its default <see cref="FormRecovery.Key"/> (a form given a key of its own restores through its
/// inputs). The values are set before <c>OnInitialized</c>, so the model must be there by then
/// (made by the member's initializer); a model made later restores through its inputs' events. The model must be a
/// class held by an instance member (a struct is read as a copy); the analyzers report a member the kit cannot use
/// (LIVESTATE001, 008, 009).
/// </para>
/// <para>
/// Values set this way do not raise the inputs' change events: <c>@bind:after</c> and <c>ValueChanged</c>
/// handlers do not run for them, and the form's <c>EditContext</c> sees them as the model's initial values (not
/// modified, validated at the next change or submit), as with <see cref="TabStateAttribute"/>. The values are what
/// this browser tab stored: the user's own input, checked as a submitted form's would be. Mark only a model whose
/// every public property the user may set (the advice for <c>[SupplyParameterFromForm]</c>), and validate on submit
/// as always. Only snapshots of the running build and of the signed-in user are used, and a field the URL sets is
/// left to the URL.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// @inherits LiveComponentBase
///
/// &lt;EditForm Model="_order" OnValidSubmit="SaveAsync"&gt;
///     &lt;FormRecovery /&gt;
///     &lt;InputText @bind-Value="_order.Name" /&gt;
/// &lt;/EditForm&gt;
///
/// @code {
///     [FormRecoveryModel] private readonly Order _order = new();
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class FormRecoveryModelAttribute : Attribute
{
}
