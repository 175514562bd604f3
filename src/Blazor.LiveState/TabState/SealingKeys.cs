using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Tells state sealed with a Data Protection key this app does not have (its key ring is not persisted, or
/// not shared with the instance that sealed it) from state that was altered or belongs to another tab or
/// user. The bytes name the key; the key manager says whether this app has it.
/// </summary>
/// <remarks>
/// The key list is read once and kept; a key id not in it reads the list again at most once a minute, since
/// another instance may have made a new key. A browser can write any key id into forged bytes, so this is a
/// diagnosis for the log, never a reason to trust anything: such state is dropped either way.
/// </remarks>
internal sealed class SealingKeys(IDataProtectionProvider provider, TimeProvider time, IKeyManager? keyManager = null)
{
    // A Data Protection payload starts with this 4-byte magic header, then the 16-byte id of its key.
    private const int KeyIdOffset = 4;
    private const int KeyIdLength = 16;
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(1);

    private readonly Lock _reading = new();
    private HashSet<Guid>? _known;
    private DateTimeOffset _readAt;

    private static ReadOnlySpan<byte> MagicHeader => [0x09, 0xF0, 0xC9, 0xF0];

    /// <summary>
    /// The id of the key <paramref name="sealedState"/> names when this app does not have that key (or has
    /// revoked it); null when it has it, the bytes name no key, or it cannot tell (no key manager, ephemeral
    /// keys, a key repository that cannot be read).
    /// </summary>
    public Guid? MissingKey(ReadOnlySpan<byte> sealedState)
    {
        // The ephemeral provider keeps its key out of the key manager: every key would look missing.
        if (keyManager is null || provider is EphemeralDataProtectionProvider
            || sealedState.Length < KeyIdOffset + KeyIdLength || !sealedState.StartsWith(MagicHeader))
        {
            return null;
        }

        var keyId = new Guid(sealedState.Slice(KeyIdOffset, KeyIdLength));
        return Has(keyId) is false ? keyId : null;
    }

    private bool? Has(Guid keyId)
    {
        lock (_reading)
        {
            var now = time.GetUtcNow();
            if (_known is not null && (_known.Contains(keyId) || now - _readAt < ReadAgainAfter))
            {
                return _known.Contains(keyId);
            }

            try
            {
                _known = [.. keyManager!.GetAllKeys().Where(k => !k.IsRevoked).Select(k => k.KeyId)];
                _readAt = now;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The key repository cannot be read right now (Redis down, say): no diagnosis.
                return null;
            }

            return _known.Contains(keyId);
        }
    }
}
