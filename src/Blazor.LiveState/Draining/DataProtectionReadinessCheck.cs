using Microsoft.AspNetCore.DataProtection;

namespace Blazor.LiveState.Draining;

/// <summary>
/// Protects and unprotects a few bytes: fails while the instance cannot read its key ring (a key store
/// such as Redis that is down when the instance starts), when every antiforgery token, auth cookie and
/// sealed tab state would fail too and the page would render as a 500.
/// </summary>
internal sealed class DataProtectionReadinessCheck(IDataProtectionProvider provider) : IReadinessCheck
{
    private static readonly byte[] Payload = [0x6c, 0x69, 0x76, 0x65];

    private readonly IDataProtector _protector = provider.CreateProtector("Blazor.LiveState.Readiness");

    public string Name => "keys";

    // The key ring is read synchronously (and may wait on a remote store): off the request's thread, so
    // that the caller's timeout holds.
    public Task RunAsync(CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            if (!_protector.Unprotect(_protector.Protect(Payload)).AsSpan().SequenceEqual(Payload))
            {
                throw new InvalidOperationException("The Data Protection round trip returned other bytes.");
            }
        },
        cancellationToken);
}
