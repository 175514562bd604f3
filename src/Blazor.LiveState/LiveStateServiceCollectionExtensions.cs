using Blazor.LiveState;
using Blazor.LiveState.Shared;
using Blazor.LiveState.Draining;
using Blazor.LiveState.Forms;
using Blazor.LiveState.Reconnect;
using Blazor.LiveState.TabState;
using Blazor.LiveState.UrlState;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Extension methods live in the namespace of what they extend so that the one call needs no extra using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Registers Blazor.LiveState.
/// </summary>
public static class LiveStateServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Blazor.LiveState services. Calling it more than once is safe: the services are added
    /// once and every <paramref name="configure"/> is applied. Options are validated when the app starts.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets options; see <see cref="LiveStateOptions"/> for the defaults.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    /// builder.Services.AddLiveState();
    /// </code>
    /// </example>
    public static IServiceCollection AddLiveState(this IServiceCollection services, Action<LiveStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<LiveStateOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveStateOptions>, LiveStateOptionsValidator>());
        services.TryAddSingleton<AppBuild>();
        services.TryAddSingleton<ProcessInstance>();
        services.TryAddSingleton<LiveStateMetrics>();
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ReconnectCircuitHandler>());

        // Draining: the circuits of this process, and a drain before the host takes the connections down.
        services.TryAddSingleton<CircuitRegistry>();
        services.TryAddScoped<MovablePage>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitRegistry.Handler>());
        services.TryAddSingleton<DrainCoordinator>();
        services.TryAddSingleton<DrainOnShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<DrainOnShutdown>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, DrainGate.StartupFilter>());
        // Readiness: what an instance needs before a page may load from it.
        services.TryAddSingleton<InstanceReadiness>();
        services.TryAddSingleton<ReadinessAdmission>();
        services.TryAddSingleton<RecoveryWarmUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, DataProtectionReadinessCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, TabStateStoreReadinessCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, AppHealthReadinessCheck>());
        services.AddHostedService<ReadinessWarmUp>();

        // Live state: one binder per circuit (or per request while prerendering).
        services.TryAddSingleton<LiveComponentMetadataCache>();
        services.TryAddScoped<LiveCircuit>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, LiveCircuit.Handler>());
        services.TryAddScoped<UrlStateSynchronizer>();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SealingKeys>();
        services.TryAddSingleton<TabStateSeal>();
        services.AddHostedService<KeyRingStartupCheck>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LiveStateOptions>>().Value.TabState is var tabs && tabs.Serializer is { } custom
            ? custom
            : new JsonTabStateSerializer(tabs.JsonSerializerOptions));
        services.TryAddScoped<BrowserTabEntries>();
        services.TryAddScoped<ITabStateStore>(sp => sp.GetRequiredService<IOptions<LiveStateOptions>>().Value.TabState.Storage == TabStateStorage.DistributedCache
            ? ActivatorUtilities.CreateInstance<DistributedCacheTabStateStore>(sp)
            : ActivatorUtilities.CreateInstance<BrowserTabStateStore>(sp));
        services.TryAddScoped<TabHandshake>();
        services.TryAddScoped<TabStateLoader>();
        services.TryAddScoped<StoreOutageReload>();
        services.TryAddScoped<TabStateSaver>();
        services.TryAddScoped<TabStateSession>();
        // A page reloading after a crash hands its tab to the next document's prerender (one request, one cookie).
        services.TryAddScoped<ReloadHandoff>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ReloadHandoff.StartupFilter>());
        services.TryAddSingleton<TabStateUsage>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, TabStateCircuitHandler>());

        // Form recovery: each stored form belongs to one user, told apart by a keyed tag.
        services.TryAddSingleton<FormOwnerKey>();
        services.TryAddSingleton(sp => new FormOwnerTags(sp.GetRequiredService<FormOwnerKey>().Current));
        services.TryAddScoped<FormOwner>();
        services.TryAddScoped<StoredFormReader>();
        services.TryAddSingleton<FormModelUsage>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, FormModelCircuitHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, FormOwnerCircuitHandler>());
        services.TryAddScoped(sp => new LiveStateBinder(
            sp.GetRequiredService<LiveComponentMetadataCache>(),
            sp.GetRequiredService<UrlStateSynchronizer>(),
            sp.GetRequiredService<LiveCircuit>(),
            sp.GetRequiredService<TabStateSession>,
            sp.GetRequiredService<StoredFormReader>,
            sp.GetRequiredService<ITabStateSerializer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Blazor.LiveState")));
        return services;
    }
}
