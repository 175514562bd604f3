using Blazor.LiveState.Forms;
using Blazor.LiveState.Shared;
using Bunit;

namespace Blazor.LiveState.Testing;

/// <summary>
/// Lets components that contain <see cref="Blazor.LiveState.FormRecovery"/> render in bUnit with JS
/// interop in strict mode.
/// </summary>
public static class FormRecoveryBunitExtensions
{
    /// <summary>
    /// Answers the calls <see cref="Blazor.LiveState.FormRecovery"/> makes: <c>BlazorLiveState.forms.handle</c> (its form handle),
    /// and on the returned form handle <c>outcome</c> (reporting <paramref name="restoredFields"/> fields put
    /// back), <c>clear</c> and <c>dispose</c>. A component with a <see cref="FormRecoveryModelAttribute"/> model
    /// finds nothing stored for it (<c>BlazorLiveState.forms.stored</c>): it renders with the model it made.
    /// </summary>
    /// <param name="interop">The test context's <c>JSInterop</c>.</param>
    /// <param name="restoredFields">How many fields the browser reports as restored.</param>
    /// <returns>The form handle's interop, to assert its invocations (for example that <c>clear</c> was called).</returns>
    /// <example>
    /// <code>
    /// var form = ctx.JSInterop.SetupFormRecovery();
    /// var cut = ctx.Render&lt;CheckoutPage&gt;();
    /// cut.Find("form").Submit();
    /// form.WaitForClear();
    /// </code>
    /// </example>
    public static BunitJSModuleInterop SetupFormRecovery(this BunitJSInterop interop, int restoredFields = 0)
    {
        ArgumentNullException.ThrowIfNull(interop);
        var handle = interop.SetupModule(invocation => invocation.Identifier == LiveStateInterop.Forms.Handle);
        handle.Setup<FormRecoveryResult>(LiveStateInterop.FormHandle.Outcome).SetResult(new FormRecoveryResult(restoredFields, null, false, 0));
        handle.SetupVoid(LiveStateInterop.FormHandle.Clear).SetVoidResult();
        handle.SetupVoid(LiveStateInterop.FormHandle.Dispose).SetVoidResult();
        interop.Setup<StoredFormField[]?>(LiveStateInterop.Forms.Stored, _ => true).SetResult([]);
        return handle;
    }

    /// <summary>
    /// Waits until the form handle was told to forget the stored form, and fails the test if that does not
    /// happen within <paramref name="timeout"/>. <see cref="Blazor.LiveState.FormRecovery"/> clears just after
    /// a valid submit's validators have all run, which is after the submit returns and causes no render, so
    /// a check right after <c>Submit()</c> or a <c>WaitForAssertion</c> can miss it.
    /// </summary>
    /// <param name="form">The form handle <see cref="SetupFormRecovery"/> returned.</param>
    /// <param name="timeout">How long to wait. Default: 5 seconds.</param>
    public static void WaitForClear(this BunitJSModuleInterop form, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        SpinWait.SpinUntil(() => WasCleared(form), timeout ?? TimeSpan.FromSeconds(5));
        // Fails with bUnit's own message when the clear never came.
        form.VerifyInvoke(LiveStateInterop.FormHandle.Clear);
    }

    private static bool WasCleared(BunitJSModuleInterop form)
    {
        try
        {
            return form.Invocations.Any(i => i.Identifier == LiveStateInterop.FormHandle.Clear);
        }
        catch (InvalidOperationException)
        {
            // The renderer's thread added an invocation while this one read the list: look again.
            return false;
        }
    }
}
