namespace Blazor.LiveState;

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

    /// <summary>
    /// More field names that mark a field as holding a secret, so it is never stored, in addition to the built-in
    /// card number, security code, social security number, PIN, one-time code and secret. A name matches a field
    /// whose <c>name</c>, <c>id</c>, <c>data-livestate-field</c> or <c>autocomplete</c> contains its words, in any
    /// case and with any separators: <c>"tax id"</c> matches <c>TaxId</c>, <c>tax_id</c> and <c>Model.TaxId</c>,
    /// not <c>taxonomy</c>. <c>data-livestate-sensitive="false"</c> on a field opts it out. Default: none.
    /// </summary>
    /// <example><c>o.FormRecovery.SensitiveFieldNames.Add("iban");</c></example>
    public IList<string> SensitiveFieldNames { get; } = [];
}
