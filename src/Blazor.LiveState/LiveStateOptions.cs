namespace Blazor.LiveState;

/// <summary>
/// Options for Blazor.LiveState, set once in <see cref="Microsoft.Extensions.DependencyInjection.LiveStateServiceCollectionExtensions.AddLiveState"/>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddLiveState(o =>
/// {
///     o.BuildVersion = Environment.GetEnvironmentVariable("APP_VERSION");
/// });
/// </code>
/// </example>
public sealed class LiveStateOptions
{
    /// <summary>
    /// The version of the running build, sent to browsers so they can tell a restart from a deploy.
    /// Default: <see langword="null"/>, which means the informational version of the entry assembly.
    /// </summary>
    public string? BuildVersion { get; set; }

    /// <summary>
    /// The path under which <see cref="Microsoft.AspNetCore.Builder.LiveStateEndpointRouteBuilderExtensions.MapLiveState"/> maps the
    /// kit's endpoints. Must start with <c>/</c> and must not end with one. Default: <c>/_livestate</c>.
    /// </summary>
    public string EndpointPrefix { get; set; } = "/_livestate";

    /// <summary>How the browser reconnects and when it reloads; see <see cref="ReconnectOptions"/> for the defaults.</summary>
    public ReconnectOptions Reconnect { get; } = new();

    /// <summary>How <see cref="UrlStateAttribute"/> properties read and write the URL; see <see cref="UrlStateOptions"/> for the defaults.</summary>
    public UrlStateOptions UrlState { get; } = new();

    /// <summary>How <see cref="TabStateAttribute"/> values are saved and restored; see <see cref="TabStateOptions"/> for the defaults.</summary>
    public TabStateOptions TabState { get; } = new();

    /// <summary>How the instance drains before it stops; see <see cref="DrainOptions"/> for the defaults.</summary>
    public DrainOptions Drain { get; } = new();

    /// <summary>How <see cref="Blazor.LiveState.FormRecovery"/> stores forms; see <see cref="FormRecoveryOptions"/> for the defaults.</summary>
    public FormRecoveryOptions FormRecovery { get; } = new();
}
