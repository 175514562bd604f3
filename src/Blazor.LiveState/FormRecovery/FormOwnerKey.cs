using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Forms;

/// <summary>
/// The key of <see cref="FormOwnerTags"/>, derived from the app's Data Protection key ring: every instance that
/// shares the ring, and every restart, derives the same key, and only the ring's holders can. It comes from the
/// oldest key in use (not revoked, active, not expired), so it changes when that key expires (90 days by
/// default); forms stored under the old one are then not restored, which is the safe side.
/// </summary>
/// <remarks>
/// Data Protection has no deterministic operation (each payload has a random IV), so the key is derived with HKDF
/// from the ring key's own descriptor. With no key ring at all (an ephemeral provider) a random key of this process
/// stands in: forms then come back for a signed-in user only until a restart, as the user's sign-in does.
/// </remarks>
internal sealed class FormOwnerKey(IKeyManager keys, IDataProtectionProvider protection, TimeProvider time, ILogger<FormOwnerKey> logger)
{
    // After the ring could not be read, ask again no sooner than this: reading it may mean a network store.
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);
    private static readonly byte[] Info = "Blazor.LiveState.FormRecovery.Owner.v1"u8.ToArray();

    private readonly Lock _lock = new();
    private byte[]? _key;
    private DateTimeOffset _until;

    /// <summary>The key now, or <see langword="null"/> while the key ring cannot be read (logged).</summary>
    public byte[]? Current()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now >= _until)
            {
                (_key, _until) = Derive(now);
            }

            return _key;
        }
    }

    private (byte[]? Key, DateTimeOffset Until) Derive(DateTimeOffset now)
    {
        try
        {
            var ringKey = OldestInUse(now);
            if (ringKey is null)
            {
                // A fresh app has no key until something is protected: make Data Protection create it.
                _ = protection.CreateProtector("Blazor.LiveState.FormRecovery.Owner").Protect([0]);
                ringKey = OldestInUse(now);
            }

            if (ringKey is null)
            {
                FormRecoveryLog.OwnerKeyPerProcess(logger);
                return (RandomNumberGenerator.GetBytes(32), DateTimeOffset.MaxValue);
            }

            var descriptor = ringKey.Descriptor.ExportToXml().SerializedDescriptorElement.ToString(SaveOptions.DisableFormatting);
            var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(descriptor), 32, ringKey.KeyId.ToByteArray(), Info);
            return (key, ringKey.ExpirationDate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            FormRecoveryLog.OwnerKeyUnavailable(logger, e.Message, e);
            return (null, now + RetryAfterFailure);
        }
    }

    private IKey? OldestInUse(DateTimeOffset now) => keys.GetAllKeys()
        .Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now)
        .OrderBy(k => k.ActivationDate)
        .ThenBy(k => k.KeyId)
        .FirstOrDefault();
}
