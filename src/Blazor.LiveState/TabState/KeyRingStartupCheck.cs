using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Warns once at start-up, in Production, when the Data Protection keys that seal [TabState] will not outlive
/// this process or reach another instance: with no key repository configured ASP.NET Core keeps them under
/// <c>$HOME/.aspnet/DataProtection-Keys</c> (lost with a container, never shared with another machine), or
/// only in memory when there is no home folder; ephemeral keys are lost at every restart. Each restart or
/// deploy would then reset every tab's state, with nothing in the log but a dropped token per component.
/// </summary>
internal sealed class KeyRingStartupCheck(
    IHostEnvironment environment,
    IOptions<KeyManagementOptions> keyManagement,
    IDataProtectionProvider provider,
    ILogger<KeyRingStartupCheck> logger) : IHostedService
{
    // Set by Azure App Service, whose default key folder is persisted and shared by the app's instances.
    private const string AzureAppServiceVariable = "WEBSITE_INSTANCE_ID";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && Problem() is { } problem)
        {
            TabStateLog.KeyRingNotKept(logger, problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Why the keys will not be kept and shared, or null when the app configured where they live.</summary>
    internal string? Problem() =>
        provider is EphemeralDataProtectionProvider ? "the app uses ephemeral keys (UseEphemeralDataProtectionProvider), lost at every restart"
        : keyManagement.Value.XmlRepository is null && Environment.GetEnvironmentVariable(AzureAppServiceVariable) is null
            ? "no key repository is configured: ASP.NET Core keeps them under $HOME/.aspnet/DataProtection-Keys, which a container loses and another instance never sees, or only in memory when there is no home folder"
        : null;
}
