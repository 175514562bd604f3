using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Blazor.LiveState.Draining;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Blazor.LiveState.Tests.Draining;

/// <summary>
/// Readiness is honest (issue 14, item 2): ready means this instance can render a page and read its keys and
/// stores, not only that it is not draining. "Redis down" is a real Redis client pointed at a port where
/// nothing listens; the E2E tests stop and restart a real Redis.
/// </summary>
public sealed class InstanceReadinessTests
{
    [Fact]
    public async Task Ready_endpoint_answers_503_while_the_key_ring_cannot_be_read()
    {
        using var redis = ConnectionMultiplexer.Connect(DownRedis());
        using var logs = new RecordingLoggerProvider();
        await using var app = await StartAsync(services => services.AddDataProtection().PersistKeysToStackExchangeRedis(redis, "keys"), logs);

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("False", body["ready"].ToString());
        Assert.Equal("keys", body["reason"].ToString());
        Assert.Contains(logs.Messages, m => m.Contains("the keys check failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_endpoint_answers_503_while_the_tab_state_store_is_down()
    {
        await using var app = await StartAsync(
            services => services.AddStackExchangeRedisCache(o => o.Configuration = DownRedis()),
            configure: o => o.TabState.Storage = TabStateStorage.DistributedCache);

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("store", body["reason"].ToString());
    }

    [Fact]
    public async Task A_down_distributed_cache_does_not_matter_while_tab_state_is_kept_in_the_browser()
    {
        await using var app = await StartAsync(services => services.AddStackExchangeRedisCache(o => o.Configuration = DownRedis()));

        var (status, _) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Ready_endpoint_answers_503_while_an_app_health_check_tagged_ready_fails_and_ignores_untagged_ones()
    {
        var databaseUp = false;
        await using var app = await StartAsync(services => services.AddHealthChecks()
            .AddCheck("database", () => databaseUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"), ["ready"])
            .AddCheck("disk", () => HealthCheckResult.Unhealthy("full"))
            .AddLiveStateReadiness());

        var (down, body) = await ReadyAsync(app);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Equal("health", body["reason"].ToString());

        databaseUp = true;
        // The last answer is reused for a second: ask until a fresh one comes.
        HttpStatusCode status;
        do
        {
            await Task.Delay(InstanceReadiness.ReuseFor / 4);
            (status, _) = await ReadyAsync(app);
        }
        while (status != HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_livestate_health_check_reports_a_key_ring_it_cannot_read_without_asking_the_other_checks()
    {
        using var redis = ConnectionMultiplexer.Connect(DownRedis());
        await using var app = await StartAsync(services =>
        {
            services.AddDataProtection().PersistKeysToStackExchangeRedis(redis, "keys");
            services.AddHealthChecks().AddLiveStateReadiness();
        });

        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = Assert.Single(report.Entries);
        Assert.Equal(HealthStatus.Unhealthy, entry.Value.Status);
        Assert.Equal("Not ready: keys check failed.", entry.Value.Description);
    }

    [Fact]
    public async Task Many_pages_asking_at_once_run_the_checks_once()
    {
        var runs = new CountingCheck();
        // A clock that stands still: every request falls within the reuse time, however slow the machine.
        await using var app = await StartAsync(services => services.AddSingleton<IReadinessCheck>(runs).AddSingleton<TimeProvider>(new StoppedClock()));
        using var client = app.GetTestClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, runs.Count);
    }

    [Fact]
    public async Task A_check_that_never_answers_counts_as_not_ready_after_its_timeout()
    {
        await using var app = await StartAsync(services => services.AddSingleton<IReadinessCheck>(new HangingCheck()));

        var (status, body) = await ReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("hangs", body["reason"].ToString());
    }

    [Fact]
    public async Task A_check_that_stops_answering_after_passing_is_not_reported_ready_from_its_last_pass()
    {
        var check = new HangsFromSecondRunCheck();

        var (first, whileHanging) = await AskTwiceAsync(check, new ManualClock());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        // The last pass is not reused while the store hangs: the page would be sent to an instance that cannot read it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileHanging.Status);
        Assert.Equal("hangs-later", whileHanging.Body["reason"].ToString());
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task While_a_check_hangs_its_last_not_ready_is_given_at_once_instead_of_making_the_page_wait()
    {
        var check = new FailsThenHangsCheck();

        // No timer fires: waiting for the hung second run would never end.
        var (first, whileHanging) = await AskTwiceAsync(check, new ManualClock(timersFire: false));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileHanging.Status);
        Assert.Equal("fails-then-hangs", whileHanging.Body["reason"].ToString());
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task The_checks_run_as_the_app_starts_and_the_first_page_probe_shares_their_answer()
    {
        var runs = new CountingCheck();
        // A clock that stands still: the probe below falls within the reuse time, however slow the machine.
        await using var app = await StartAsync(services => services.AddSingleton<IReadinessCheck>(runs).AddSingleton<TimeProvider>(new StoppedClock()));

        Assert.Equal(1, runs.Count);

        using var client = app.GetTestClient();
        using var answer = await client.GetAsync(new Uri("/_livestate/ready?attempt=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, runs.Count);
    }

    [Fact]
    public async Task The_app_starts_without_waiting_for_the_checks_it_starts()
    {
        var check = new HeldCheck();
        // Timers that never fire: a start that waited for the checks would wait for as long as the check is held.
        var starting = StartAsync(services => services.AddSingleton<IReadinessCheck>(check).AddSingleton<TimeProvider>(new ClockWithoutTimers()));

        // Only a guard against hanging the run if the start did wait: the check is held until after this.
        await using var app = await starting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(check.Started);
        check.Release();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(app)).Status);
    }

    /// <summary>
    /// Asks the readiness endpoint once (sharing the run made at start), then again once the answer is too old to
    /// reuse, so that the second ask starts the check's second run.
    /// </summary>
    private static async Task<((HttpStatusCode Status, Dictionary<string, object> Body) First, (HttpStatusCode Status, Dictionary<string, object> Body) Second)> AskTwiceAsync(IReadinessCheck check, ManualClock clock)
    {
        await using var app = await StartAsync(services => services.AddSingleton(check).AddSingleton<TimeProvider>(clock));
        var first = await ReadyAsync(app);
        clock.Advance(InstanceReadiness.ReuseFor * 2);
        // A bound only against a hang: an answer that waited for a hung run would never come.
        var second = await ReadyAsync(app).WaitAsync(TimeSpan.FromSeconds(30));
        return (first, second);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, object> Body)> ReadyAsync(WebApplication app)
    {
        using var client = app.GetTestClient();
        using var response = await client.GetAsync(new Uri("/_livestate/ready", UriKind.Relative));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!);
    }

    /// <summary>A Redis connection string for a port where nothing listens, failing fast.</summary>
    private static string DownRedis()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port},abortConnect=false,connectTimeout=300,syncTimeout=500,asyncTimeout=500,connectRetry=0";
    }

    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> configureServices, RecordingLoggerProvider? logs = null, Action<LiveStateOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.WebHost.UseTestServer();
        builder.Services.AddLiveState(configure);
        configureServices(builder.Services);
        var app = builder.Build();
        app.MapLiveState();
        await app.StartAsync();
        return app;
    }

    private sealed class CountingCheck : IReadinessCheck
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public string Name => "counting";

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            // Long enough that every request arrives while this run is under way or just answered.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private sealed class StoppedClock : TimeProvider
    {
        public override long GetTimestamp() => 0;
    }

    private sealed class ManualClock(bool timersFire = true) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timersFire ? base.CreateTimer(callback, state, dueTime, period) : new NeverFiringTimer();
    }

    /// <summary>A clock whose timers never fire, so that no timeout ends a wait.</summary>
    private sealed class ClockWithoutTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFiringTimer();
    }

    private sealed class NeverFiringTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A check that passes once the test releases it.</summary>
    private sealed class HeldCheck : IReadinessCheck
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public bool Started => Volatile.Read(ref _started) == 1;

        public string Name => "held";

        public void Release() => _released.TrySetResult();

        public Task RunAsync(CancellationToken cancellationToken)
        {
            Volatile.Write(ref _started, 1);
            return _released.Task;
        }
    }

    private sealed class HangsFromSecondRunCheck : IReadinessCheck
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => "hangs-later";

        public Task RunAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _runs) == 1 ? Task.CompletedTask : new TaskCompletionSource().Task;
    }

    private sealed class FailsThenHangsCheck : IReadinessCheck
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => "fails-then-hangs";

        public Task RunAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _runs) == 1 ? Task.FromException(new InvalidOperationException("down")) : new TaskCompletionSource().Task;
    }

    private sealed class HangingCheck : IReadinessCheck
    {
        public string Name => "hangs";

        // Ignores the token, as a blocked client library would.
        public Task RunAsync(CancellationToken cancellationToken) => new TaskCompletionSource().Task;
    }
}
