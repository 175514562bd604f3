using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Blazor.LiveState.TabState;

/// <summary>
/// Packs a component's saved values with their build and time, and seals them with Data Protection to
/// one tab and one user: encrypted (the browser cannot read them) and signed (it cannot change them or
/// move them to another tab or user). A user can only hand back something this server sealed for them.
/// </summary>
internal sealed class TabStateSeal(IDataProtectionProvider provider, TimeProvider time, SealingKeys keys)
{
    private const byte FormatVersion = 1;

    private readonly IDataProtector _root = provider.CreateProtector("Blazor.LiveState.TabState.v1");

    public byte[] Seal(TabIdentity tab, string entryKey, string build, IReadOnlyDictionary<string, byte[]> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.Write(build);
            writer.Write(values.Count);
            foreach (var (name, data) in values)
            {
                writer.Write(name);
                writer.Write(data.Length);
                writer.Write(data);
            }
        }

        return ProtectorFor(tab, entryKey).Protect(buffer.ToArray());
    }

    /// <summary>Opens sealed state; a reason instead when it is not this tab's and user's, too old, or damaged.</summary>
    public UnsealResult Unseal(TabIdentity tab, string entryKey, byte[] sealedState, TimeSpan timeToLive)
    {
        byte[] payload;
        try
        {
            payload = ProtectorFor(tab, entryKey).Unprotect(sealedState);
        }
        catch (CryptographicException)
        {
            // Sealed by an instance whose keys this one does not have (a key ring lost on restart, or not
            // shared): a setup problem, told apart from state that is forged, altered or another tab's or user's.
            return keys.MissingKey(sealedState) is { } missing
                ? UnsealResult.SealedWithMissingKey(missing)
                : UnsealResult.Failed("not sealed for this tab and user, or altered", TabStateDropReasons.Invalid);
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return UnsealResult.Failed("written in a format this version does not read", TabStateDropReasons.Unreadable);
            }

            var savedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var build = reader.ReadString();
            if (time.GetUtcNow() - savedAt > timeToLive)
            {
                return UnsealResult.Failed($"saved at {savedAt:u}, longer ago than the time to live", TabStateDropReasons.Expired);
            }

            var count = reader.ReadInt32();
            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var length = reader.ReadInt32();
                values[name] = length >= 0 && length <= payload.Length ? reader.ReadBytes(length) : throw new InvalidDataException();
            }

            return new UnsealResult(values, build, null);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentOutOfRangeException or FormatException)
        {
            return UnsealResult.Failed("damaged", TabStateDropReasons.Unreadable);
        }
    }

    private IDataProtector ProtectorFor(TabIdentity tab, string entryKey) =>
        _root.CreateProtector(tab.TabId, "user:" + tab.User, entryKey);
}

/// <summary>
/// What <see cref="TabStateSeal.Unseal"/> found: the values and their build, or why there are none
/// (<paramref name="Failure"/> for the log, <paramref name="DropReason"/> for the metric, and the key id when
/// the state was sealed with a key this app does not have).
/// </summary>
internal sealed record UnsealResult(
    IReadOnlyDictionary<string, byte[]>? Values,
    string? Build,
    string? Failure,
    string? DropReason = null,
    Guid? MissingKey = null)
{
    /// <summary>Nothing was saved: no values, and nothing wrong either.</summary>
    public static UnsealResult None { get; } = new(null, null, null);

    public static UnsealResult Failed(string reason, string dropReason) => new(null, null, reason, dropReason);

    public static UnsealResult SealedWithMissingKey(Guid keyId) =>
        new(null, null, $"sealed with Data Protection key {keyId}, which this app does not have", TabStateDropReasons.UnknownKey, keyId);
}

/// <summary>Why saved state was dropped, as the <c>reason</c> tag of <c>livestate.tabstate.restores</c>.</summary>
internal static class TabStateDropReasons
{
    /// <summary>Sealed with a Data Protection key this app does not have: keys not persisted or not shared.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>Not sealed for this tab and user, forged, or altered.</summary>
    public const string Invalid = "invalid";

    /// <summary>Saved longer ago than <c>TabState.TimeToLive</c>.</summary>
    public const string Expired = "expired";

    /// <summary>Opened, but in a format this version does not read, or damaged.</summary>
    public const string Unreadable = "unreadable";
}
