using System.Security.Cryptography;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Bunit;
using Microsoft.AspNetCore.WebUtilities;

namespace Blazor.LiveState.Testing;

/// <summary>
/// An in-memory browser tab for <see cref="TabStateAttribute"/> in bUnit tests: its random id and the sealed
/// entries the kit saved, as the real tab keeps them in sessionStorage. Made by
/// <see cref="TabStateBunitExtensions.SetupTabState"/>.
/// </summary>
public sealed class BunitTabStateStorage
{
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private int _writes;

    internal BunitTabStateStorage() => TabId = NewId();

    /// <summary>The tab's id.</summary>
    public string TabId { get; private set; }

    /// <summary>The sealed entries saved so far, by component (type name, and instance key when it has one).</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>How many times the kit saved to this tab (one save may hold several components).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>
    /// Waits until the kit has saved to this tab <paramref name="count"/> times in all. A save follows the event that
    /// changed the state and renders nothing, so <c>WaitForAssertion</c>, which checks again only at renders, can miss
    /// it; this looks until it comes (as <see cref="FormRecoveryBunitExtensions.WaitForClear"/> does for a clear).
    /// </summary>
    /// <param name="count">The number of saves to wait for, counted from the tab's start (<see cref="Writes"/>).</param>
    /// <param name="timeout">How long to wait. Default: 5 seconds.</param>
    /// <exception cref="TimeoutException">Fewer saves came within <paramref name="timeout"/>.</exception>
    /// <example><code>
    /// cut.Find("button").Click();
    /// tab.WaitForWrites(1);
    /// </code></example>
    public void WaitForWrites(int count, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(5);
        if (!SpinWait.SpinUntil(() => Writes >= count, wait))
        {
            throw new TimeoutException($"The kit saved to the tab {Writes} times within {wait.TotalSeconds:0.###} s, not {count}.");
        }
    }

    /// <summary>The id of the tab this one was duplicated from (see <see cref="Duplicate"/>), or <see langword="null"/>.</summary>
    public string? ForkedFrom { get; private set; }

    /// <summary>Forgets everything and gives the tab a new id, as a new tab would have.</summary>
    public void Clear()
    {
        _entries.Clear();
        TabId = NewId();
        ForkedFrom = null;
    }

    /// <summary>
    /// Makes this tab what a browser's "Duplicate tab" makes of it: a new id, the same saved entries, and the
    /// original's id, under which the kit still finds what the copy has not saved again.
    /// </summary>
    public void Duplicate()
    {
        ForkedFrom = TabId;
        TabId = NewId();
    }

    /// <summary>Replaces a saved entry with other text, to test what a tampered entry does.</summary>
    public void Tamper(string entry, string token) => _entries[entry] = token;

    private static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    internal sealed class OpenHandler(BunitTabStateStorage tab)
        : JSRuntimeInvocationHandlerBase<OpenedTab?>(new InvocationMatcher(i => i.Identifier == LiveStateInterop.TabState.Open), isCatchAllHandler: false)
    {
        protected override Task<OpenedTab?> HandleAsync(JSRuntimeInvocation invocation)
        {
            SetResultBase(new OpenedTab(tab.TabId, new Dictionary<string, string>(tab._entries, StringComparer.Ordinal), null, tab.ForkedFrom));
            return base.HandleAsync(invocation);
        }
    }

    internal sealed class WriteHandler(BunitTabStateStorage tab)
        : JSRuntimeInvocationHandlerBase<string?>(new InvocationMatcher(i => i.Identifier == LiveStateInterop.TabState.Write), isCatchAllHandler: false)
    {
        protected override Task<string?> HandleAsync(JSRuntimeInvocation invocation)
        {
            if (invocation.Arguments is [IReadOnlyDictionary<string, string> entries, ..])
            {
                foreach (var (key, token) in entries)
                {
                    tab._entries[key] = token;
                }

                // The kit saves on the renderer's dispatcher while a test may wait on its own thread.
                Interlocked.Increment(ref tab._writes);
            }

            SetResultBase(null);
            return base.HandleAsync(invocation);
        }
    }
}
