using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.Registration;

/// <summary>Drain, tab-state and URL-state settings that would break the kit at run time stop the app at start-up.</summary>
public sealed class LiveStateOptionsValidatorTests
{
    public static TheoryData<string, Action<LiveStateOptions>> InvalidSettings => new()
    {
        { "Drain.Window", o => o.Drain.Window = TimeSpan.FromMilliseconds(-1) },
        { "Drain.Window", o => o.Drain.Window = TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1) },
        { "Drain.EndpointKey", o => o.Drain.EndpointKey = "x" },
        { "Drain.EndpointKey", o => o.Drain.EndpointKey = "0123456789abcde" },
        { "TabState.MaxStateBytes", o => o.TabState.MaxStateBytes = 255 },
        { "TabState.MaxStateBytes", o => o.TabState.MaxStateBytes = (4 * 1024 * 1024) + 1 },
        { "TabState.TimeToLive", o => o.TabState.TimeToLive = TimeSpan.Zero },
        { "TabState.TimeToLive", o => o.TabState.TimeToLive = TimeSpan.FromHours(-1) },
        { "TabState.LoadTimeout", o => o.TabState.LoadTimeout = TimeSpan.FromMilliseconds(99) },
        { "TabState.LoadTimeout", o => o.TabState.LoadTimeout = TimeSpan.FromSeconds(30) + TimeSpan.FromTicks(1) },
        { "TabState.Storage", o => o.TabState.Storage = (TabStateStorage)42 },
        { "TabState.JsonSerializerOptions", o => o.TabState.JsonSerializerOptions = null! },
        { "UrlState.WriteThrottle", o => o.UrlState.WriteThrottle = TimeSpan.FromMilliseconds(-1) },
        { "UrlState.WriteThrottle", o => o.UrlState.WriteThrottle = TimeSpan.FromSeconds(5) + TimeSpan.FromTicks(1) },
        { "UrlState.MaxValueLength", o => o.UrlState.MaxValueLength = 0 },
        { "UrlState.MaxValueLength", o => o.UrlState.MaxValueLength = 32_769 },
        { "UrlState.MaxValuesPerKey", o => o.UrlState.MaxValuesPerKey = 0 },
        { "UrlState.MaxValuesPerKey", o => o.UrlState.MaxValuesPerKey = 10_001 },
        { "UrlState.MaxUrlLength", o => o.UrlState.MaxUrlLength = 255 },
        { "UrlState.MaxUrlLength", o => o.UrlState.MaxUrlLength = 1_048_577 },
        { "FormRecovery.SensitiveFieldNames", o => o.FormRecovery.SensitiveFieldNames.Add("-_ ") },
        { "FormRecovery.SensitiveFieldNames", o => o.FormRecovery.SensitiveFieldNames.Add(new string('x', 101)) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_setting_is_rejected_with_its_name(string name, Action<LiveStateOptions> change)
    {
        using var provider = new ServiceCollection().AddLiveState(change).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LiveStateOptions>>().Value);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Single(error.Failures);
    }

    public static TheoryData<string, Action<LiveStateOptions>> BoundarySettings => new()
    {
        { "Drain.Window 0", o => o.Drain.Window = TimeSpan.Zero },
        { "FormRecovery.SensitiveFieldNames tax id", o => o.FormRecovery.SensitiveFieldNames.Add("tax id") },
        { "Drain.Window 5 min", o => o.Drain.Window = TimeSpan.FromMinutes(5) },
        { "Drain.EndpointKey 16 characters", o => o.Drain.EndpointKey = "0123456789abcdef" },
        { "Drain.EndpointKey empty", o => o.Drain.EndpointKey = "" },
        { "TabState.MaxStateBytes 256", o => o.TabState.MaxStateBytes = 256 },
        { "TabState.MaxStateBytes 4 MiB", o => o.TabState.MaxStateBytes = 4 * 1024 * 1024 },
        { "TabState.TimeToLive 1 tick", o => o.TabState.TimeToLive = TimeSpan.FromTicks(1) },
        { "TabState.LoadTimeout 100 ms", o => o.TabState.LoadTimeout = TimeSpan.FromMilliseconds(100) },
        { "TabState.LoadTimeout 30 s", o => o.TabState.LoadTimeout = TimeSpan.FromSeconds(30) },
        { "UrlState.WriteThrottle 0", o => o.UrlState.WriteThrottle = TimeSpan.Zero },
        { "UrlState.WriteThrottle 5 s", o => o.UrlState.WriteThrottle = TimeSpan.FromSeconds(5) },
        { "UrlState.MaxValueLength 1", o => o.UrlState.MaxValueLength = 1 },
        { "UrlState.MaxValueLength 32 768", o => o.UrlState.MaxValueLength = 32_768 },
        { "UrlState.MaxValuesPerKey 1", o => o.UrlState.MaxValuesPerKey = 1 },
        { "UrlState.MaxValuesPerKey 10 000", o => o.UrlState.MaxValuesPerKey = 10_000 },
        { "UrlState.MaxUrlLength 256", o => o.UrlState.MaxUrlLength = 256 },
        { "UrlState.MaxUrlLength 1 048 576", o => o.UrlState.MaxUrlLength = 1_048_576 },
    };

    [Theory]
    [MemberData(nameof(BoundarySettings))]
    public void Setting_at_the_edge_of_its_range_is_accepted(string setting, Action<LiveStateOptions> change)
    {
        using var provider = new ServiceCollection().AddLiveState(change).BuildServiceProvider();

        var error = Record.Exception(() => provider.GetRequiredService<IOptions<LiveStateOptions>>().Value);

        Assert.True(error is null, $"{setting} was rejected: {error?.Message}");
    }

    [Fact]
    public void Defaults_are_valid()
    {
        using var provider = new ServiceCollection().AddLiveState().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LiveStateOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.Drain.Window);
        Assert.Null(options.Drain.EndpointKey);
        Assert.Equal(TabStateStorage.Browser, options.TabState.Storage);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.UrlState.WriteThrottle);
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        using var provider = new ServiceCollection().AddLiveState(o =>
        {
            o.Drain.Window = TimeSpan.FromHours(1);
            o.TabState.MaxStateBytes = 0;
            o.UrlState.MaxValueLength = 0;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LiveStateOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public async Task Distributed_cache_storage_without_a_cache_stops_the_app_at_start_up_and_says_what_to_add()
    {
        await using var app = Build(services => services.AddLiveState(o => o.TabState.Storage = TabStateStorage.DistributedCache));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("TabState.Storage", error.Message, StringComparison.Ordinal);
        Assert.Contains("IDistributedCache", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddStackExchangeRedisCache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Distributed_cache_storage_with_a_cache_starts()
    {
        await using var app = Build(services => services
            .AddDistributedMemoryCache()
            .AddLiveState(o => o.TabState.Storage = TabStateStorage.DistributedCache));

        await app.StartAsync();

        await app.StopAsync();
    }

    [Fact]
    public async Task Invalid_drain_window_stops_the_app_at_start_up()
    {
        await using var app = Build(services => services.AddLiveState(o => o.Drain.Window = TimeSpan.FromMinutes(10)));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Drain.Window", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Action<IServiceCollection> configureServices)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        configureServices(builder.Services);
        return builder.Build();
    }
}
