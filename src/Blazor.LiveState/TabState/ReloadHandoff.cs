using Blazor.LiveState.Shared;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.TabState;

/// <summary>
/// What a page that reloads after a crash hands to the prerender of its next document, for that one request:
/// the tab's id and (browser storage) its sealed entries, in a short-lived cookie scoped to the page's path
/// that the page sets just before it reloads. Prerendering has no browser to ask which tab this is; with the
/// hand-off it renders each <see cref="TabStateAttribute"/> value already restored, so the reloaded page
/// never paints a default before the circuit restores the same values.
/// </summary>
/// <remarks>
/// The cookie is consumed by the first request that carries it (its response expires it), and ignored when
/// a request carries more than one (two tabs of the browser reloading the same path at once: cookies are
/// shared by every tab, so neither can tell which is its own). The entries are sealed to tab and user as
/// always: another user's state does not open, a forged or altered entry is dropped and logged. Whatever
/// is wrong with it, the page renders as without it and the circuit restores as usual.
/// </remarks>
internal sealed class ReloadHandoff
{
    /// <summary>The cookies' name prefix; each page adds its own random suffix (<c>tabState.js</c> writes them).</summary>
    public const string CookiePrefix = LiveStateInterop.ReloadHandoffCookiePrefix;

    // A cookie's name and value fit in 4096 bytes in every browser: anything larger is not the kit's.
    private const int MaxCookieLength = 4096;

    // Far more than fits in one cookie: a tampered list.
    private const int MaxEntries = 100;

    /// <summary>The tab this request's page held before it reloaded, or null when the request carries no (usable) hand-off.</summary>
    public HandedOffTab? Tab { get; private set; }

    /// <summary>Reads the hand-off of <paramref name="context"/>'s request (at most one) and expires every hand-off cookie it carried.</summary>
    internal void Take(HttpContext context, ILogger logger)
    {
        // Only the page load itself: a script's or the kit's own request to the page's path (a readiness probe of a
        // page at "/") carries the cookie too, and must not use it up.
        var names = context.Request.Cookies.Keys.Where(name => name.StartsWith(CookiePrefix, StringComparison.Ordinal)).ToList();
        if (names.Count == 0 || !HttpMethods.IsGet(context.Request.Method) || !Draining.DrainGate.IsDocument(context.Request))
        {
            return;
        }

        // Consumed once: the next request to this path renders without it, whatever happens to this one.
        var path = context.Request.PathBase.Add(context.Request.Path).Value is { Length: > 0 } full ? full : "/";
        foreach (var name in names)
        {
            context.Response.Cookies.Delete(name, new CookieOptions { Path = path, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });
        }

        if (names.Count > 1)
        {
            TabStateLog.HandoffIgnored(logger, $"{names.Count} pages handed off state at once; none can be told apart as this one's");
            return;
        }

        var value = context.Request.Cookies[names[0]] ?? "";
        Tab = Parse(value, out var problem);
        if (problem is not null)
        {
            TabStateLog.HandoffIgnored(logger, problem);
        }
    }

    /// <summary>The hand-off in a cookie's value (base64url of UTF-8 JSON), or null and why not.</summary>
    internal static HandedOffTab? Parse(string value, out string? problem)
    {
        problem = null;
        if (value.Length > MaxCookieLength)
        {
            problem = $"{value.Length} characters, more than a cookie holds";
            return null;
        }

        CookieContent? content;
        try
        {
            content = JsonSerializer.Deserialize(WebEncoders.Base64UrlDecode(value), ReloadHandoffJsonContext.Default.CookieContent);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            problem = "not well formed";
            return null;
        }

        if (content is not { Version: 1, Id: { } id } || !TabIdentity.IsWellFormedId(id)
            || content.Entries is { Count: > MaxEntries } || content.Withheld is { Length: > MaxEntries })
        {
            problem = "not well formed";
            return null;
        }

        var forkedFrom = content.ForkedFrom is { } original && TabIdentity.IsWellFormedId(original) && original != id ? original : null;
        var entries = content.Entries ?? [];
        if (entries.Any(e => e.Value is null))
        {
            problem = "not well formed";
            return null;
        }

        return new HandedOffTab(id, forkedFrom, entries, new HashSet<string>(content.Withheld ?? [], StringComparer.Ordinal));
    }

    /// <summary>Takes each page load's hand-off first in the app's pipeline, without the app calling anything.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Cookies.Count > 0)
                {
                    var logger = context.RequestServices.GetRequiredService<ILogger<ReloadHandoff>>();
                    context.RequestServices.GetRequiredService<ReloadHandoff>().Take(context, logger);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>The cookie's JSON, as <c>tabState.js</c> writes it.</summary>
    internal sealed class CookieContent
    {
        [JsonPropertyName("v")]
        public int Version { get; set; }

        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("forkedFrom")]
        public string? ForkedFrom { get; set; }

        [JsonPropertyName("entries")]
        public Dictionary<string, string>? Entries { get; set; }

        [JsonPropertyName("withheld")]
        public string[]? Withheld { get; set; }
    }
}

/// <summary>
/// Reads the hand-off without reflection: a process that has just started after a crash reads it first in the
/// reloaded page's request, where building the serializer's metadata for the type by reflection costs about 10 ms.
/// </summary>
[JsonSerializable(typeof(ReloadHandoff.CookieContent))]
internal sealed partial class ReloadHandoffJsonContext : JsonSerializerContext;

/// <summary>
/// A tab as its page handed it to the reload: its id, the tab it was duplicated from, its sealed entries
/// (browser storage; empty with a server store) and the keys of the entries too large to come along.
/// </summary>
internal sealed record HandedOffTab(string Id, string? ForkedFrom, IReadOnlyDictionary<string, string> Entries, IReadOnlySet<string> Withheld);
