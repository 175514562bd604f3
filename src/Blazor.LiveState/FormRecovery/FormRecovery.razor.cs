using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace Blazor.LiveState;

/// <summary>
/// Keeps what the user typed into the surrounding <c>EditForm</c> or <c>&lt;form&gt;</c> across a lost
/// circuit, a reload, a server restart and a deploy. Values are captured in the browser
/// (sessionStorage, per tab) as the user types, with no message to the server, and put back through
/// the normal bindings once the next circuit is interactive. A stored form belongs to the user who typed it
/// (or to nobody signed in) and is never restored to anyone else. Passwords (also once shown as text), fields
/// named for card numbers, security codes, social security numbers, PINs, one-time codes or secrets, files,
/// hidden inputs and anything marked <c>data-livestate-ignore</c> are never stored.
/// </summary>
/// <example>
/// <code>
/// &lt;EditForm Model="order" OnValidSubmit="PlaceOrder"&gt;
///     &lt;DataAnnotationsValidator /&gt;
///     &lt;FormRecovery /&gt;
///     &lt;InputText @bind-Value="order.Name" /&gt;
/// &lt;/EditForm&gt;
/// </code>
/// </example>
public sealed partial class FormRecovery
{
    private ElementReference _marker;
    // Null until the owner is known (the first render may come before): no marker, nothing to attach to yet.
    private FormRecoveryBrowserOptions? _browserOptions;
    private string? _owner;
    // The form handle, once the first interactive render has asked for it.
    private Task<IJSObjectReference>? _attaching;
    private EditContext? _subscribedContext;

    /// <summary>
    /// The cascaded <see cref="Microsoft.AspNetCore.Components.Forms.EditContext"/> of an <c>EditForm</c>, if
    /// there is one: a valid submit clears the stored form, and a restored form that had a failed
    /// submit is validated again so its messages come back too.
    /// </summary>
    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    /// <summary>
    /// The form's name in storage, unique on the page. Default: the form's <c>name</c>, else its <c>id</c>,
    /// else the <c>EditForm</c> model's type name, else <c>form</c>.
    /// </summary>
    [Parameter]
    public string? Key { get; set; }

    /// <summary>
    /// Whether a valid submit forgets the stored form (with <see cref="Flow"/>: every stored form of the flow).
    /// Default: <see langword="true"/>. Set it to <see langword="false"/> for the steps of a multi-step form whose
    /// data only lives in memory until the last step, and give every step the same <see cref="Flow"/>: the last
    /// step's valid submit then forgets them all.
    /// </summary>
    [Parameter]
    public bool ClearOnSubmit { get; set; } = true;

    /// <summary>
    /// The name of a group of forms that are done together, such as the steps of a checkout. A valid submit of a
    /// form of the flow that has <see cref="ClearOnSubmit"/>, or <see cref="ClearAsync"/>, forgets every stored
    /// form of the flow in the tab, on any page. Default: none (each form is cleared on its own).
    /// </summary>
    /// <example>
    /// <code>
    /// @* steps 1 and 2 *@ &lt;FormRecovery Flow="checkout" ClearOnSubmit="false" /&gt;
    /// @* the last step: placing the order forgets all three *@ &lt;FormRecovery Flow="checkout" /&gt;
    /// </code>
    /// </example>
    [Parameter]
    public string? Flow { get; set; }

    /// <summary>
    /// Raised after a restore with the number of fields put back (0 when nothing was stored).
    /// </summary>
    [Parameter]
    public EventCallback<int> OnRestored { get; set; }

    /// <summary>
    /// Forgets the stored form now (with <see cref="Flow"/>: every stored form of the flow), for example after the
    /// app saved it by other means.
    /// </summary>
    public async Task ClearAsync()
    {
        if (await AttachedHandleAsync() is { } handle)
        {
            await InvokeQuietlyAsync(handle, LiveStateInterop.FormHandle.Clear);
        }
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _owner = await Owner.TagAsync();

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _browserOptions = FormRecoveryBrowserOptions.From(Options.Value.FormRecovery, Key ?? EditContext?.Model.GetType().Name, Build.Version, _owner, Flow);
        if (!ReferenceEquals(_subscribedContext, EditContext))
        {
            if (_subscribedContext is not null)
            {
                _subscribedContext.OnValidationRequested -= OnValidationRequested;
            }

            _subscribedContext = EditContext;
            if (_subscribedContext is not null)
            {
                _subscribedContext.OnValidationRequested += OnValidationRequested;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Restore only into a live circuit (a prerendered page has no bindings to put values through), once,
        // and only for a known owner: the marker is live from the render that had it.
        if (_attaching is not null || !RendererInfo.IsInteractive || _browserOptions?.Owner is null)
        {
            return;
        }

        try
        {
            // By now the browser has usually restored the form already: this only collects the outcome.
            _attaching = JS.InvokeAsync<IJSObjectReference>(LiveStateInterop.Forms.Attach, _marker).AsTask();
            var handle = await _attaching;
            var result = await handle.InvokeAsync<FormRecoveryResult>(LiveStateInterop.FormHandle.Restore);
            Report(result);
            if (result.SubmitAttempted && EditContext is not null)
            {
                // The user had tried to submit: show the same messages they saw then.
                EditContext.Validate();
            }

            if (OnRestored.HasDelegate)
            {
                await OnRestored.InvokeAsync(result.Restored);
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The circuit went away while restoring; the next one will restore from the same storage.
        }
        catch (JSException e)
        {
            // The message is the browser's: logged as one short line, not as the exception it arrived in.
            FormRecoveryLog.BrowserFailed(Logger, _browserOptions.Key ?? "form", LogText.FromBrowser(e.Message));
        }
    }

    private void Report(FormRecoveryResult result)
    {
        var key = _browserOptions?.Key ?? "form";
        if (result.Rejected == "other-owner")
        {
            FormRecoveryLog.OtherOwnerDropped(Logger, key);
        }
        else if (result.Rejected is { } reason)
        {
            FormRecoveryLog.SnapshotRejected(Logger, key, LogText.FromBrowser(reason, 60));
        }
        else if (result.Restored > 0)
        {
            FormRecoveryLog.Restored(Logger, key, result.Restored, result.Dropped);
        }
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        // Validators run in the same synchronous Validate() call; check the outcome once they are done.
        _ = ClearIfValidAsync();
    }

    private async Task ClearIfValidAsync()
    {
        await Task.Yield();
        if (ClearOnSubmit && EditContext is not null && !EditContext.GetValidationMessages().Any())
        {
            await ClearAsync();
        }
    }

    /// <summary>
    /// The attachment, waiting for it if the attach call is still on its way: a submit can arrive in that
    /// window, and its clear must not be lost. <see langword="null"/> before the first interactive render
    /// or when attaching failed (<see cref="OnAfterRenderAsync"/> has logged why).
    /// </summary>
    private async Task<IJSObjectReference?> AttachedHandleAsync()
    {
        if (_attaching is null)
        {
            return null;
        }

        try
        {
            return await _attaching;
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException or JSException)
        {
            return null;
        }
    }

    private static async Task InvokeQuietlyAsync(IJSObjectReference handle, string method)
    {
        try
        {
            await handle.InvokeVoidAsync(method);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_subscribedContext is not null)
        {
            _subscribedContext.OnValidationRequested -= OnValidationRequested;
        }

        if (_attaching is { IsCompleted: false })
        {
            // The page has not answered the attach and may never (it left, and this disposal comes from its
            // circuit being torn down): waiting would hold the teardown, the request that asked for it, and with
            // them the server's shutdown, for the whole JS interop timeout. The handle is released if it comes.
            _ = ReleaseWhenAttachedAsync();
            return;
        }

        await ReleaseWhenAttachedAsync();
    }

    private async Task ReleaseWhenAttachedAsync()
    {
        if (await AttachedHandleAsync() is { } handle)
        {
            await InvokeQuietlyAsync(handle, LiveStateInterop.FormHandle.Dispose);
            await JsObjectReferences.DisposeQuietlyAsync(handle);
        }
    }
}
