using Blazor.LiveState.Shared;
using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Forms;

/// <summary>Whose forms this circuit (or prerendered request) shows: the owner tag of its signed-in user.</summary>
internal sealed class FormOwner(IServiceProvider services, FormOwnerTags tags, ILogger<FormOwner> logger)
{
    /// <summary>
    /// The current user's tag, or <see langword="null"/> when it cannot be known (logged): then nothing is stored,
    /// restored or forgotten, rather than a form shown to the wrong user.
    /// </summary>
    public async Task<string?> TagAsync()
    {
        string user;
        try
        {
            user = await SignedInUser.IdAsync(services);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            FormRecoveryLog.OwnerUnknown(logger, e);
            return null;
        }

        return tags.For(user);
    }
}
