using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Records every value a page writes to sessionStorage or localStorage, across reloads, so a test can
/// say a secret was never written, not just that it is not there at the end.
/// </summary>
public sealed class StorageWatch
{
    private readonly ConcurrentQueue<string> _writes = new();

    private StorageWatch()
    {
    }

    /// <summary>Every "key=value" written so far.</summary>
    public IReadOnlyCollection<string> Writes => _writes;

    /// <summary>Starts recording; call before the page's first navigation.</summary>
    public static async Task<StorageWatch> AttachAsync(IPage page)
    {
        var watch = new StorageWatch();
        await page.ExposeFunctionAsync<string, string, bool>("__testRecordStorageWrite", (key, value) =>
        {
            watch._writes.Enqueue($"{key}={value}");
            return true;
        });
        await page.AddInitScriptAsync("""
            (() => {
              const setItem = Storage.prototype.setItem;
              Storage.prototype.setItem = function (key, value) {
                window.__testRecordStorageWrite(String(key), String(value));
                return setItem.call(this, key, value);
              };
            })();
            """);
        return watch;
    }

    /// <summary>Whether any write contained <paramref name="text"/>.</summary>
    public bool EverWrote(string text) => _writes.Any(w => w.Contains(text, StringComparison.Ordinal));
}
