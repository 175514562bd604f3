using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;

namespace Blazor.LiveState.TabState;

/// <summary>
/// The default store: the sealed entries live in the tab's sessionStorage. They arrive with the tab's
/// identity once per circuit (in one round trip when they are small, the larger ones streamed after it) and
/// are kept in <see cref="BrowserTabEntries"/>; saves are one message to the browser per batch.
/// </summary>
internal sealed class BrowserTabStateStore(IJSRuntime js, BrowserTabEntries received) : ITabStateStore
{
    // The browser sends its entries once per circuit: what this circuit saved since then is newer, and a
    // component shown again (navigating away and back) must get it.
    private readonly Dictionary<string, string> _savedInCircuit = new(StringComparer.Ordinal);

    public string Name => "browser";

    public ValueTask<byte[]?> LoadAsync(TabIdentity tab, string entryKey, CancellationToken cancellationToken)
    {
        if (!_savedInCircuit.TryGetValue(entryKey, out var token) && !received.TryGet(entryKey, out token))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        try
        {
            return ValueTask.FromResult<byte[]?>(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            // Not something the server wrote: as good as nothing saved (Unseal would reject it anyway).
            return ValueTask.FromResult<byte[]?>([]);
        }
    }

    public async ValueTask SaveAsync(TabIdentity tab, IReadOnlyDictionary<string, byte[]> entries, CancellationToken cancellationToken)
    {
        var tokens = entries.ToDictionary(e => e.Key, e => WebEncoders.Base64UrlEncode(e.Value), StringComparer.Ordinal);
        foreach (var (entryKey, token) in tokens)
        {
            _savedInCircuit[entryKey] = token;
        }

        var error = await js.InvokeAsync<string?>(LiveStateInterop.TabState.Write, cancellationToken, tokens);
        if (error is not null)
        {
            throw new TabStateStoreException($"the browser could not store it ({error})");
        }
    }
}

/// <summary>A store that could not load or save; logged, never thrown to the app.</summary>
internal sealed class TabStateStoreException(string message, Exception? inner = null) : Exception(message, inner);
