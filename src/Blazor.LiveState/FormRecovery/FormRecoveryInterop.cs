namespace Blazor.LiveState.Forms;

/// <summary>The functions of the kit's browser script (wwwroot/Blazor.LiveState.lib.module.js) that form recovery calls.</summary>
internal static class FormRecoveryInterop
{
    /// <summary>Attaches to the form around a marker (or finds the attachment made when it appeared) and starts the restore.</summary>
    public const string Attach = "BlazorLiveState.forms.attach";

    /// <summary>Forgets every form stored in the tab that is not the given owner's; answers how many it forgot.</summary>
    public const string KeepOwner = "BlazorLiveState.forms.keepOwner";
}
