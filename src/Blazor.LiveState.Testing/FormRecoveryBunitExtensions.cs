using Blazor.LiveState.Forms;
using Bunit;

namespace Blazor.LiveState.Testing;

/// <summary>
/// Lets components that contain <see cref="Blazor.LiveState.FormRecovery"/> render in bUnit with JS
/// interop in strict mode.
/// </summary>
public static class FormRecoveryBunitExtensions
{
    /// <summary>The function of the kit's browser script that <see cref="Blazor.LiveState.FormRecovery"/> calls for its form handle.</summary>
    public const string AttachFunction = "BlazorLiveState.forms.attach";

    /// <summary>
    /// Answers the calls <see cref="Blazor.LiveState.FormRecovery"/> makes: <see cref="AttachFunction"/>,
    /// and on the returned form handle <c>restore</c> (reporting <paramref name="restoredFields"/> fields put
    /// back), <c>clear</c> and <c>dispose</c>.
    /// </summary>
    /// <param name="interop">The test context's <c>JSInterop</c>.</param>
    /// <param name="restoredFields">How many fields the browser reports as restored.</param>
    /// <returns>The form handle's interop, to assert its invocations (for example that <c>clear</c> was called).</returns>
    /// <example>
    /// <code>
    /// var form = ctx.JSInterop.SetupFormRecovery();
    /// var cut = ctx.Render&lt;CheckoutPage&gt;();
    /// cut.Find("form").Submit();
    /// form.VerifyInvoke("clear");
    /// </code>
    /// </example>
    public static BunitJSModuleInterop SetupFormRecovery(this BunitJSInterop interop, int restoredFields = 0)
    {
        ArgumentNullException.ThrowIfNull(interop);
        var handle = interop.SetupModule(invocation => invocation.Identifier == AttachFunction);
        handle.Setup<FormRecoveryResult>("restore").SetResult(new FormRecoveryResult(restoredFields, null, false, 0));
        handle.SetupVoid("clear").SetVoidResult();
        handle.SetupVoid("dispose").SetVoidResult();
        return handle;
    }
}
