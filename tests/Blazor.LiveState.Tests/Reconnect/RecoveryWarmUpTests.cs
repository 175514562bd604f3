using System.Security.Cryptography;
using Blazor.LiveState.Shared;
using Blazor.LiveState.TabState;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blazor.LiveState.Tests.Reconnect;

public sealed class RecoveryWarmUpTests
{
    [Fact]
    public async Task The_warm_up_runs_every_recovery_step_on_made_up_data_once_without_a_failure()
    {
        using var logs = new RecordingLoggerProvider();
        var warmUp = WarmUp(new EphemeralDataProtectionProvider(), logs);

        warmUp.Begin();
        var first = warmUp.Running;
        warmUp.Begin();

        Assert.NotNull(first);
        Assert.Same(first, warmUp.Running);
        await first;
        // Each step checks its own result (the hand-off parsed, the state opened, five form values set) and logs otherwise.
        Assert.Empty(logs.Messages);
    }

    [Fact]
    public async Task A_warm_up_that_cannot_seal_is_logged_at_debug_and_throws_nowhere()
    {
        using var logs = new RecordingLoggerProvider();
        var warmUp = WarmUp(new UnreadableKeyRing(), logs);

        warmUp.Begin();
        await warmUp.Running!;

        Assert.Equal("Debug: The recovery warm-up failed; recovering pages do its work themselves.", Assert.Single(logs.Messages));
    }

    private static RecoveryWarmUp WarmUp(IDataProtectionProvider provider, RecordingLoggerProvider logs)
    {
        var seal = new TabStateSeal(provider, TimeProvider.System, new SealingKeys(provider, TimeProvider.System));
        var build = new AppBuild(Options.Create(new LiveStateOptions { BuildVersion = "1.0.0+warm" }));
        using var factory = new LoggerFactory([logs]);
        return new RecoveryWarmUp(seal, build, factory.CreateLogger<RecoveryWarmUp>());
    }

    /// <summary>A key ring that cannot be read: every protect fails, as with a key directory the process may not open.</summary>
    private sealed class UnreadableKeyRing : IDataProtectionProvider, IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => throw new CryptographicException("The key ring cannot be read.");

        public byte[] Unprotect(byte[] protectedData) => throw new CryptographicException("The key ring cannot be read.");
    }
}
