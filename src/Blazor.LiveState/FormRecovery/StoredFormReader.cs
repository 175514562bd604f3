using System.Text.Json;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Asks the page what this tab stored for its forms, for a <see cref="FormRecoveryModelAttribute"/> model to take
/// before its component's first render: one round trip per component that has one, alongside tab state's. The page
/// answers only the signed-in user's snapshots of the running build (the checks of a form's own restore). Never
/// throws: anything that goes wrong is logged and answers nothing, and the form restores through its events.
/// </summary>
internal sealed class StoredFormReader(
    IJSRuntime js,
    LiveCircuit circuit,
    FormOwner owner,
    AppBuild build,
    IOptions<LiveStateOptions> options,
    ILogger<StoredFormReader> logger)
{
    // Well over a form's fields: a longer answer is not the kit's.
    private const int MaxFields = 1_000;

    /// <summary>The stored fields of the current page's forms; none outside a circuit (a prerender has no browser to ask).</summary>
    public async Task<IReadOnlyList<StoredFormField>> ReadAsync()
    {
        if (!circuit.IsInteractive || await owner.TagAsync() is not { } tag)
        {
            return [];
        }

        var forms = options.Value.FormRecovery;
        var request = new StoredFormsRequest(tag, forms.TimeToLive.TotalMilliseconds, forms.MaxSnapshotCharacters, build.Version, TabStateLimits.InlineBudget);
        StoredFormField[]? fields;
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.TabState.LoadTimeout);
            fields = await js.InvokeAsync<StoredFormField[]?>(LiveStateInterop.Forms.Stored, timeout.Token, request);
        }
        catch (JSException e)
        {
            FormRecoveryLog.StoredFormsUnread(logger, LogText.FromBrowser(e.Message, 80), null);
            return [];
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException or JsonException)
        {
            FormRecoveryLog.StoredFormsUnread(logger, e.GetType().Name, e);
            return [];
        }

        if (fields is null || fields.Length > MaxFields)
        {
            FormRecoveryLog.StoredFormsUnread(logger, "not well formed", null);
            return [];
        }

        return fields;
    }

    /// <summary>What the page may answer (Blazor's interop names the members in camel case, as storedForms.js reads them).</summary>
    private sealed record StoredFormsRequest(string Owner, double TtlMs, int MaxBytes, string Build, int Budget);
}
