using Blazor.LiveState.DeployHarness;
using Microsoft.Playwright;

namespace Blazor.LiveState.E2ETests.Infrastructure;

/// <summary>
/// Two demo instances in multi-instance mode (tab state and Data Protection keys in one Redis) behind
/// nginx: the setup of a rolling deploy. Every browser talks to the proxy.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
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

    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["Demo__Redis"] = redis.ConnectionString,
        };
        var first = new AppServer(AppBuild.Demo, environment: settings);
        var second = new AppServer(AppBuild.Demo, environment: settings);
        // One after the other: the first creates the shared Data Protection key, the second reads it.
        await first.StartAsync();
        await second.StartAsync();
        var proxy = await ReverseProxy.StartAsync([first.BaseUri, second.BaseUri]);
        return new TwoInstances(redis, first, second, proxy);
    }

    public Uri Url(string path) => new(Proxy.BaseUri, path);

    /// <summary>The instance whose process rendered the page.</summary>
    public async Task<AppServer> ServingAsync(IPage page)
    {
        var instance = await PageWaits.InstanceAsync(page);
        foreach (var server in new[] { First, Second })
        {
            if (server.Process is not null && await InstanceIdAsync(server) == instance)
            {
                return server;
            }
        }

        throw new InvalidOperationException($"No running instance rendered the page (instance {instance}).");
    }

    public AppServer Other(AppServer server) => ReferenceEquals(server, First) ? Second : First;

    /// <summary>Asks a server directly which process it is (its readiness answer carries the id the pages show).</summary>
    public static async Task<string> InstanceIdAsync(AppServer server)
    {
        using var http = new HttpClient();
        var html = await http.GetStringAsync(new Uri(server.BaseUri, ProbePage.Path));
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-instance=\"([0-9a-f]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page carries no data-instance.");
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
