using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Blazor.LiveState.Forms;

/// <summary>
/// The tag a form snapshot carries to say whose it is: <see cref="Anonymous"/>, or a keyed hash of the signed-in
/// user's id. The browser stores and compares tags, never ids: without the key nobody can tell whose a tag is,
/// and every instance and restart of the app computes the same tag for the same user.
/// </summary>
/// <param name="secret">The key (see <see cref="FormOwnerKey"/>); <see langword="null"/> when it cannot be had now.</param>
internal sealed class FormOwnerTags(Func<byte[]?> secret)
{
    /// <summary>The owner of forms typed while nobody was signed in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>
    /// The tag of <paramref name="userId"/> (empty: anonymous), or <see langword="null"/> when the key is not
    /// available, in which case no form may be stored or restored for a signed-in user.
    /// </summary>
    public string? For(string userId)
    {
        if (userId.Length == 0)
        {
            return Anonymous;
        }

        if (secret() is not { } key)
        {
            return null;
        }

        // 128 bits: ample to tell users apart, and short in every marker.
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId));
        return "u." + WebEncoders.Base64UrlEncode(hash, 0, 16);
    }
}
