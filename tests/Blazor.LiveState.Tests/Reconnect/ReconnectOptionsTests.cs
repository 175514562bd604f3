using System.Text.Json;
using Blazor.LiveState.Reconnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class ReconnectOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        using var provider = new ServiceCollection().AddLiveState().BuildServiceProvider();

        var reconnect = provider.GetRequiredService<IOptions<LiveStateOptions>>().Value.Reconnect;

        Assert.Equal(TimeSpan.FromMilliseconds(20), reconnect.FirstDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(10), reconnect.MinDelay);
        Assert.Equal(100, reconnect.ReadyPagesPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(500), reconnect.YoungOutageMaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(150), reconnect.UnansweredMaxDelay);
        Assert.Null(reconnect.GiveUpAfter);
        Assert.Equal(ReloadPolicy.WhenServerIsReady, reconnect.Reload);
    }

    public static TheoryData<string, Action<ReconnectOptions>> InvalidSettings => new()
    {
        { "MinDelay", o => o.MinDelay = TimeSpan.Zero },
        { "MinDelay", o => o.MinDelay = TimeSpan.FromMilliseconds(5) },
        { "FirstDelay", o => o.FirstDelay = TimeSpan.FromMilliseconds(5) },
        { "Growth", o => o.Growth = 0.5 },
        { "YoungOutageMaxDelay", o => o.YoungOutageMaxDelay = TimeSpan.FromMilliseconds(15) },
        { "UnansweredMaxDelay", o => o.UnansweredMaxDelay = TimeSpan.FromMilliseconds(5) },
        { "MaxDelay", o => o.MaxDelay = TimeSpan.FromMilliseconds(400) },
        { "MaxDelay", o => o.MaxDelay = TimeSpan.FromHours(1) },
        { "Jitter", o => o.Jitter = 1.5 },
        { "GiveUpAfter", o => o.GiveUpAfter = TimeSpan.Zero },
        { "ProbeTimeout", o => o.ProbeTimeout = TimeSpan.FromMilliseconds(10) },
        { "MaxReloads", o => o.MaxReloads = 0 },
        { "ReloadWindow", o => o.ReloadWindow = TimeSpan.Zero },
        { "Reload", o => o.Reload = (ReloadPolicy)42 },
        { "ReadyPagesPerSecond", o => o.ReadyPagesPerSecond = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_setting_is_rejected_with_its_name(string name, Action<ReconnectOptions> change)
    {
        using var provider = new ServiceCollection().AddLiveState(o => change(o.Reconnect)).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LiveStateOptions>>().Value);

        Assert.Contains($"Reconnect.{name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_reach_the_browser_in_its_units_and_names()
    {
        var options = new LiveStateOptions { EndpointPrefix = "/ops" };
        options.Reconnect.FirstDelay = TimeSpan.FromMilliseconds(300);
        options.Reconnect.GiveUpAfter = TimeSpan.FromMinutes(5);
        options.Reconnect.Reload = ReloadPolicy.Never;

        var json = JsonSerializer.Serialize(BrowserReconnectConfig.From(options, "2.0.0", "p1", "u.owner"));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("2.0.0", root.GetProperty("build").GetString());
        Assert.Equal("p1", root.GetProperty("instance").GetString());
        Assert.Equal("/ops", root.GetProperty("endpointPrefix").GetString());
        Assert.Equal("never", root.GetProperty("reload").GetString());
        Assert.Equal(300, root.GetProperty("schedule").GetProperty("firstDelayMs").GetDouble());
        Assert.Equal(300_000, root.GetProperty("schedule").GetProperty("giveUpAfterMs").GetDouble());
        Assert.Equal(500, root.GetProperty("schedule").GetProperty("youngOutageMaxDelayMs").GetDouble());
        Assert.Equal(150, root.GetProperty("schedule").GetProperty("unansweredMaxDelayMs").GetDouble());
    }

    [Fact]
    public void The_browser_modules_stand_in_schedule_is_the_options_defaults()
    {
        // The browser module needs a schedule before the server's arrives; the numbers' one home is ReconnectOptions.
        var path = Path.Combine(AppContext.BaseDirectory, "Reconnect", "backoff.js");
        var script = File.ReadAllText(path);
        var block = script[script.IndexOf("export const defaultSchedule", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("});", StringComparison.Ordinal)];
        var inScript = System.Text.RegularExpressions.Regex.Matches(block, @"(\w+): ([\d_.]+|null)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "null" ? (double?)null : double.Parse(m.Groups[2].Value.Replace("_", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

        var json = JsonSerializer.Serialize(BrowserReconnectConfig.From(new LiveStateOptions(), "1", "p1", null));
        using var document = JsonDocument.Parse(json);
        var fromOptions = document.RootElement.GetProperty("schedule").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? (double?)null : p.Value.GetDouble());

        Assert.Equal(fromOptions.OrderBy(p => p.Key), inScript.OrderBy(p => p.Key));
    }

    [Fact]
    public void Never_giving_up_is_sent_as_null()
    {
        var json = JsonSerializer.Serialize(BrowserReconnectConfig.From(new LiveStateOptions(), "1", "p1", null));

        Assert.Contains("\"giveUpAfterMs\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"reload\":\"whenServerIsReady\"", json, StringComparison.Ordinal);
    }
}
