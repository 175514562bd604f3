using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Each time a circuit's connection comes up, tells the page whose forms it may keep, so that after a sign-out, a
/// session that ended or another user signing in, the previous user's stored forms are gone from the tab at once,
/// not only when a form page opens. One call per connection, none per keystroke.
/// </summary>
internal sealed class FormOwnerCircuitHandler(FormOwner owner, IJSRuntime js, ILogger<FormOwnerCircuitHandler> logger) : CircuitHandler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Not awaited: the circuit must not wait for the browser to start rendering.
        _ = KeepOwnerAsync();
        return Task.CompletedTask;
    }

    /// <summary>Tells the page the owner and logs what it forgot; never throws.</summary>
    internal async Task KeepOwnerAsync()
    {
        if (await owner.TagAsync() is not { } tag)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var forgotten = await js.InvokeAsync<int>(LiveStateInterop.Forms.KeepOwner, timeout.Token, tag);
            if (forgotten > 0)
            {
                FormRecoveryLog.OtherOwnersForgotten(logger, Math.Clamp(forgotten, 0, 10_000));
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or OperationCanceledException or System.Text.Json.JsonException)
        {
            // The connection went again, or an older script: the form's own check still keeps other users' forms out.
        }
    }
}
