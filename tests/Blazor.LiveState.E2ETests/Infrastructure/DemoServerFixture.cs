using Blazor.LiveState.DeployHarness;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>A demo app process shared by tests that do not take the server down.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    public AppServer Server { get; } = new(AppBuild.Demo);

    public async Task InitializeAsync() => await Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
