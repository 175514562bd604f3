using Microsoft.Playwright;

namespace Blazor.LiveState.DeployHarness;

/// <summary>
/// Two demo instances in multi-instance mode (tab state and Data Protection keys in one Redis) behind
/// nginx: the setup of a rolling deploy. Every browser talks to the proxy.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(RedisServer redis, AppServer first, AppServer second, ReverseProxy proxy)
    {
        Redis = redis;
        First = first;
        Second = second;
        Proxy = proxy;
    }

    public RedisServer Redis { get; }

    public AppServer First { get; }

    public AppServer Second { get; }

    public ReverseProxy Proxy { get; }

    /// <summary>Starts Redis, two instances of <paramref name="build"/> (the demo when null) and nginx in front of them.</summary>
    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? environment = null, AppBuild? build = null)
    {
        var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Demo__Redis"] = redis.ConnectionString,
        };
        var first = new AppServer(build ?? AppBuild.Demo, environment: settings);
        var second = new AppServer(build ?? AppBuild.Demo, environment: settings);
        // One after the other: the first creates the shared Data Protection key, the second reads it.
        await first.StartAsync();
        await second.StartAsync();
        var proxy = await ReverseProxy.StartAsync([first.BaseUri, second.BaseUri]);
        return new TwoInstances(redis, first, second, proxy);
    }

    /// <summary>An address of the app through the proxy.</summary>
    public Uri Url(string path) => new(Proxy.BaseUri, path);

    /// <summary>The instance whose process rendered the page.</summary>
    public async Task<AppServer> ServingAsync(IPage page)
    {
        var instance = await PageWaits.InstanceAsync(page);
        foreach (var server in new[] { First, Second })
        {
            if (server.Process is not null && await ProbePage.InstanceOfAsync(server) == instance)
            {
                return server;
            }
        }

        throw new InvalidOperationException($"No running instance rendered the page (instance {instance}).");
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
