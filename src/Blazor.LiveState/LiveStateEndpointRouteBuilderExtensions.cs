using Blazor.LiveState;
using Blazor.LiveState.Draining;
using Blazor.LiveState.Reconnect;
using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Extension methods live in the namespace of what they extend so that the one call needs no extra using.
#pragma warning disable IDE0130
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>
/// Maps the endpoints Blazor.LiveState needs.
/// </summary>
public static class LiveStateEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the kit's endpoints under <see cref="LiveStateOptions.EndpointPrefix"/> (default
    /// <c>/_livestate</c>): <c>GET /_livestate/ready</c> answers whether this instance takes new circuits
    /// and which build it runs (and, to a page paused for a drain that asks, whose page a new circuit would serve);
    /// <c>GET /_livestate/owner</c> answers that alone (the tag of the signed-in user, never the user's id), for a
    /// paused page whose ready answer had none;
    /// <c>POST /_livestate/drain</c> (only when
    /// <see cref="Blazor.LiveState.DrainOptions.EndpointKey"/> is set) drains the instance for a
    /// pre-stop hook. The endpoints allow anonymous access and are left out of API descriptions. Also lets
    /// the drain on shutdown see every endpoint of the app.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder, usually the <c>WebApplication</c>.</param>
    /// <returns>A builder for conventions that apply to every endpoint of the kit.</returns>
    /// <exception cref="InvalidOperationException"><c>AddLiveState</c> was not called.</exception>
    /// <example>
    /// <code>
    /// app.MapRazorComponents&lt;App&gt;().AddInteractiveServerRenderMode();
    /// app.MapLiveState();
    /// </code>
    /// </example>
    public static IEndpointConventionBuilder MapLiveState(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        if (endpoints.ServiceProvider.GetService<AppBuild>() is null)
        {
            throw new InvalidOperationException(
                "Blazor.LiveState services are missing. Call builder.Services.AddLiveState() before app.MapLiveState().");
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<LiveStateOptions>>().Value;
        var group = endpoints.MapGroup(options.EndpointPrefix);
        group.MapGet(ReadinessEndpoint.Path, ReadinessEndpoint.Handle).WithName("LiveStateReadiness");
        group.MapGet(OwnerEndpoint.Path, OwnerEndpoint.Handle).WithName("LiveStateOwner");
        if (!string.IsNullOrEmpty(options.Drain.EndpointKey))
        {
            group.MapPost(DrainEndpoint.Path, DrainEndpoint.Handle).WithName("LiveStateDrain").DisableAntiforgery();
        }

        endpoints.ServiceProvider.GetRequiredService<DrainOnShutdown>().UseEndpoints(endpoints.DataSources);
        group.AllowAnonymous().ExcludeFromDescription();
        return group;
    }
}
