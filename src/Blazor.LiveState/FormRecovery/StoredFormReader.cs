using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Asks the page what this tab stored for its forms, for a <see cref="FormRecoveryModelAttribute"/> model to take
/// before its component's first render. The circuit's first render uses the answer asked for as the circuit opened
/// (<see cref="FormModelCircuitHandler"/>); a component bound later asks again, since the user may have typed into
/// the page's forms since. The page answers only the signed-in user's snapshots of the running build (the checks of
/// a form's own restore). Never throws: anything that goes wrong is logged and answers nothing, and the form
/// restores through its events.
/// </summary>
internal sealed class StoredFormReader(
    IJSRuntime js,
    LiveCircuit circuit,
    FormOwner owner,
    AppBuild build,
    NavigationManager navigation,
    IOptions<LiveStateOptions> options,
    ILogger<StoredFormReader> logger)
{
    // Well over a form's fields: a longer answer is not the kit's.
    private const int MaxFields = 1_000;

    private Task<IReadOnlyList<StoredFormField>>? _opening;
    private string? _openingPath;

    private string CurrentPath => navigation.ToAbsoluteUri(navigation.Uri).AbsolutePath;

    /// <summary>Asks the page as the circuit opens, for the components of its first render.</summary>
    public Task AskForFirstRenderAsync()
    {
        _openingPath = CurrentPath;
        return _opening = AskPageAsync();
    }

    /// <summary>The stored fields of the current page's forms; none outside a circuit (a prerender has no browser to ask).</summary>
    public Task<IReadOnlyList<StoredFormField>> ReadAsync()
    {
        // The page answered for the path it showed then: after a navigation its answer is another page's.
        if (_opening is not { } opening || _openingPath != CurrentPath)
        {
            _opening = null;
            return AskPageAsync();
        }

        // The answer is for the render under way only: dropped once the dispatcher is done with it (at once off the
        // dispatcher), so a form bound later reads what is stored by then.
        if (SynchronizationContext.Current is { } dispatcher)
        {
            dispatcher.Post(static reader => ((StoredFormReader)reader!)._opening = null, this);
        }
        else
        {
            _opening = null;
        }

        return opening;
    }

    private async Task<IReadOnlyList<StoredFormField>> AskPageAsync()
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A disconnect, the timeout, a malformed answer: awaited before the circuit's first render, so nothing
            // may escape.
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
