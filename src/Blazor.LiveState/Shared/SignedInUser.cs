using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Blazor.LiveState.Shared;

/// <summary>Who is signed in, for the state the kit binds to one user (tab state, form snapshots).</summary>
internal static class SignedInUser
{
    /// <summary>
    /// The signed-in user's id (the <see cref="ClaimTypes.NameIdentifier"/> claim, else the name), or empty for
    /// anonymous users and apps without authentication. Reads the circuit's (or request's)
    /// <see cref="AuthenticationStateProvider"/> from <paramref name="services"/>; other failures are thrown.
    /// </summary>
    public static async Task<string> IdAsync(IServiceProvider services)
    {
        if (services.GetService<AuthenticationStateProvider>() is not { } provider)
        {
            return "";
        }

        try
        {
            return IdOf((await provider.GetAuthenticationStateAsync()).User);
        }
        catch (InvalidOperationException)
        {
            // No authentication in this app.
            return "";
        }
    }

    /// <summary>
    /// The id of <paramref name="user"/> (the <see cref="ClaimTypes.NameIdentifier"/> claim, else the name), or empty
    /// when not signed in. For a plain HTTP request, whose <c>HttpContext.User</c> is all there is.
    /// </summary>
    public static string IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name ?? ""
            : "";
}
