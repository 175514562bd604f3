namespace Blazor.LiveState.Forms;

/// <summary>
/// How <see cref="Blazor.LiveState.FormRecovery"/> keeps what users type, set with
/// <c>AddLiveState(o =&gt; o.FormRecovery…)</c>.
/// </summary>
public sealed class FormRecoveryOptions
{
    /// <summary>How long a stored form stays restorable after the last edit. Default: 1 hour.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The largest snapshot of one form, in characters of its JSON; a larger one is not stored (and the
    /// browser console says so). Default: 100 000.
    /// </summary>
    public int MaxSnapshotCharacters { get; set; } = 100_000;

    /// <summary>How long typing must pause before the form is written to storage. Default: 250 ms.</summary>
    public TimeSpan SaveDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
