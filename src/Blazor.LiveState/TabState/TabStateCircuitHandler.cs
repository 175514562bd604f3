using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Asks the browser which tab this is as the circuit opens, before Blazor renders its first component, and
/// sends again the saves a dropped connection cut off once the circuit is connected again.
/// </summary>
/// <remarks>
/// Blazor replaces the prerendered page with the circuit's first render. A <see cref="TabStateAttribute"/>
/// component that still waits for its saved state renders nothing yet, so without this the page would be
/// blank for the round trip to the browser. Blazor awaits this handler before it renders, so the round
/// trip happens while the prerendered page is still on screen and the component's first render already
/// holds its restored state. Apps without tab state skip it.
/// </remarks>
internal sealed class TabStateCircuitHandler(TabStateUsage usage, TabHandshake handshake, TabStateSaver saver) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        usage.IsDeclared ? handshake.IdentityAsync() : Task.CompletedTask;

    // A save sent just before the connection dropped may never have reached the page: it goes out again on the
    // next connection (Blazor raises these on the circuit's dispatcher, where the saves run).
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        saver.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        saver.ConnectionUp();
        return Task.CompletedTask;
    }
}
