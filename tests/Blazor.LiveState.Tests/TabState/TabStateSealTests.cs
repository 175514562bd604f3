using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.DataProtection;

namespace Blazor.LiveState.Tests.TabState;

public sealed class TabStateSealTests
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromHours(12);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly TabStateSeal _seal;
    private readonly TabIdentity _tab = Tab("AAAAAAAAAAAAAAAAAAAAAA", "alice");
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal)
    {
        ["Count"] = [1, 2, 3],
        ["Name"] = "héllo 😀"u8.ToArray(),
        ["Empty"] = [],
    };

    public TabStateSealTests() => _seal = Seal(new EphemeralDataProtectionProvider());

    [Fact]
    public void Sealed_values_open_again_for_the_same_tab_user_and_entry()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1.2.3+abc", _values);

        var opened = _seal.Unseal(_tab, "Counter", sealedState, TimeToLive);

        Assert.Null(opened.Failure);
        Assert.Equal("1.2.3+abc", opened.Build);
        Assert.Equal(_values.Keys.Order(), opened.Values!.Keys.Order());
        foreach (var (name, data) in _values)
        {
            Assert.Equal(data, opened.Values[name]);
        }
    }

    [Fact]
    public void No_values_open_as_no_values()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", new Dictionary<string, byte[]>());

        var opened = _seal.Unseal(_tab, "Counter", sealedState, TimeToLive);

        Assert.Null(opened.Failure);
        Assert.Empty(opened.Values!);
    }

    [Fact]
    public void Sealed_state_is_encrypted()
    {
        var secret = "a secret the browser must not read"u8.ToArray();

        var sealedState = _seal.Seal(_tab, "Counter", "build-xyz", new Dictionary<string, byte[]> { ["Secret"] = secret });

        Assert.Equal(-1, sealedState.AsSpan().IndexOf(secret));
        Assert.Equal(-1, sealedState.AsSpan().IndexOf("Secret"u8));
        Assert.Equal(-1, sealedState.AsSpan().IndexOf("build-xyz"u8));
    }

    [Fact]
    public void State_of_another_tab_does_not_open()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        AssertFails(_seal.Unseal(_tab with { TabId = "BBBBBBBBBBBBBBBBBBBBBB" }, "Counter", sealedState, TimeToLive), "not sealed for this tab and user");
    }

    [Fact]
    public void State_of_another_user_does_not_open()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        AssertFails(_seal.Unseal(_tab with { User = "mallory" }, "Counter", sealedState, TimeToLive), "not sealed for this tab and user");
        AssertFails(_seal.Unseal(_tab with { User = "" }, "Counter", sealedState, TimeToLive), "not sealed for this tab and user");
    }

    [Fact]
    public void State_of_another_entry_does_not_open()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        AssertFails(_seal.Unseal(_tab, "Game", sealedState, TimeToLive), "not sealed for this tab and user");
    }

    [Fact]
    public void State_sealed_with_other_keys_does_not_open()
    {
        var otherServer = Seal(new EphemeralDataProtectionProvider());
        var sealedState = otherServer.Seal(_tab, "Counter", "1", _values);

        // Ephemeral keys are not in any key manager: it cannot tell a missing key from altered bytes.
        AssertFails(_seal.Unseal(_tab, "Counter", sealedState, TimeToLive), "not sealed for this tab and user");
    }

    [Fact]
    public void State_sealed_with_a_key_this_app_does_not_have_is_told_apart_from_altered_state()
    {
        // Two apps with their own key rings: a restart whose keys were not persisted, or another instance.
        using var before = new KeyRingApp();
        using var after = new KeyRingApp();
        var sealedBefore = before.Seal(_time).Seal(_tab, "Counter", "1", _values);
        var seal = after.Seal(_time);

        var missing = seal.Unseal(_tab, "Counter", sealedBefore, TimeToLive);

        Assert.Null(missing.Values);
        Assert.Equal("unknown_key", missing.DropReason);
        Assert.Equal(before.KeyId, missing.MissingKey);
        Assert.Contains($"sealed with Data Protection key {before.KeyId}, which this app does not have", missing.Failure, StringComparison.Ordinal);

        // This app's own key, bytes altered after the key id: tampering, not a setup problem.
        var own = seal.Seal(_tab, "Counter", "1", _values);
        own[^1] ^= 0x01;
        var altered = seal.Unseal(_tab, "Counter", own, TimeToLive);
        Assert.Equal("invalid", altered.DropReason);
        Assert.Null(altered.MissingKey);
        Assert.Contains("not sealed for this tab and user, or altered", altered.Failure, StringComparison.Ordinal);

        // Another tab's state sealed with this app's key is not "a missing key" either.
        var otherTab = seal.Seal(_tab with { TabId = "BBBBBBBBBBBBBBBBBBBBBB" }, "Counter", "1", _values);
        Assert.Equal("invalid", seal.Unseal(_tab, "Counter", otherTab, TimeToLive).DropReason);
    }

    [Fact]
    public void Any_flipped_byte_stops_the_state_from_opening()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        for (var i = 0; i < sealedState.Length; i++)
        {
            var altered = (byte[])sealedState.Clone();
            altered[i] ^= 0x01;

            var opened = _seal.Unseal(_tab, "Counter", altered, TimeToLive);

            Assert.True(opened.Failure is not null, $"Flipping byte {i} of {sealedState.Length} went unnoticed.");
            Assert.Null(opened.Values);
        }
    }

    [Fact]
    public void Truncated_state_does_not_open()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        foreach (var length in new[] { sealedState.Length - 1, sealedState.Length / 2, 16, 1 })
        {
            AssertFails(_seal.Unseal(_tab, "Counter", sealedState[..length], TimeToLive), "not sealed for this tab and user");
        }
    }

    [Fact]
    public void Empty_state_does_not_open() =>
        AssertFails(_seal.Unseal(_tab, "Counter", [], TimeToLive), "not sealed for this tab and user");

    [Fact]
    public void State_opens_until_its_time_to_live_is_over_and_not_after()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);

        _time.Advance(TimeToLive);
        Assert.Null(_seal.Unseal(_tab, "Counter", sealedState, TimeToLive).Failure);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        AssertFails(_seal.Unseal(_tab, "Counter", sealedState, TimeToLive), "longer ago than the time to live");
    }

    [Fact]
    public void Shorter_time_to_live_applies_to_state_sealed_earlier()
    {
        var sealedState = _seal.Seal(_tab, "Counter", "1", _values);
        _time.Advance(TimeSpan.FromMinutes(10));

        AssertFails(_seal.Unseal(_tab, "Counter", sealedState, TimeSpan.FromMinutes(5)), "time to live");
        Assert.Null(_seal.Unseal(_tab, "Counter", sealedState, TimeSpan.FromMinutes(15)).Failure);
    }

    private static void AssertFails(UnsealResult result, string reason)
    {
        Assert.Null(result.Values);
        Assert.Null(result.Build);
        Assert.NotNull(result.Failure);
        Assert.Contains(reason, result.Failure, StringComparison.Ordinal);
    }

    private static TabIdentity Tab(string id, string user) => new(id, user);

    private TabStateSeal Seal(IDataProtectionProvider provider) => new(provider, _time, new SealingKeys(provider, _time));
}
