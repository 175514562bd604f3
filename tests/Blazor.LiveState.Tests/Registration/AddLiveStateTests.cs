using Blazor.LiveState.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.Registration;

public sealed class AddLiveStateTests
{
    [Fact]
    public void Defaults_are_valid_and_map_endpoints_under_livestate()
    {
        using var provider = new ServiceCollection().AddLiveState().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LiveStateOptions>>().Value;

        Assert.Equal("/_livestate", options.EndpointPrefix);
        Assert.Null(options.BuildVersion);
    }

    [Fact]
    public void Calling_it_twice_applies_both_configurations_and_registers_services_once()
    {
        var services = new ServiceCollection()
            .AddLiveState(o => o.BuildVersion = "first")
            .AddLiveState(o => o.EndpointPrefix = "/live");

        Assert.Single(services, d => d.ServiceType == typeof(AppBuild));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LiveStateOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<LiveStateOptions>>().Value;
        Assert.Equal(("first", "/live"), (options.BuildVersion, options.EndpointPrefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("_livestate")]
    [InlineData("/_livestate/")]
    public async Task Invalid_endpoint_prefix_stops_the_app_at_start_up(string prefix)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddLiveState(o => o.EndpointPrefix = prefix);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("EndpointPrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_build_version_is_rejected()
    {
        using var provider = new ServiceCollection().AddLiveState(o => o.BuildVersion = "").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LiveStateOptions>>().Value);

        Assert.Contains("BuildVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_version_defaults_to_the_entry_assembly_informational_version()
    {
        using var provider = new ServiceCollection().AddLiveState().BuildServiceProvider();

        var version = provider.GetRequiredService<AppBuild>().Version;

        Assert.Equal(BuildVersion.Of(System.Reflection.Assembly.GetEntryAssembly()), version);
        Assert.NotEqual("unknown", version);
    }

    [Fact]
    public void Build_version_reads_the_informational_version_of_an_assembly()
    {
        var version = BuildVersion.Of(typeof(LiveStateOptions).Assembly);

        Assert.StartsWith("0.1.0-preview.1", version, StringComparison.Ordinal);
        Assert.Equal("unknown", BuildVersion.Of(null));
    }
}
