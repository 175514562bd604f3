namespace Blazor.LiveState.Shared;

/// <summary>
/// The server's side of the contract with the kit's browser script: every JS function the C# calls and every
/// DOM name the C# renders (as aspnetcore's <c>BrowserNavigationManagerInterop</c> lists Blazor's). The browser's
/// side of the same names is <c>wwwroot/constants.js</c>; <c>LiveStateContractTests</c> fails if a name is typed
/// anywhere else in the kit or the two lists drift apart.
/// </summary>
internal static class LiveStateInterop
{
    // What the kit's initializer (wwwroot/Blazor.LiveState.lib.module.js) exposes on window.
    private const string Prefix = "BlazorLiveState.";

    /// <summary>The circuit is up: takes the app's reconnect config, answers how the connection came up.</summary>
    public const string Connected = Prefix + "connected";

    /// <summary>This instance drains: the page pauses its circuit after the given milliseconds and moves.</summary>
    public const string Drain = Prefix + "drain";

    /// <summary>
    /// This circuit cannot restore the page's state (its store does not answer): the page waits for a ready instance
    /// and reloads, as after a crash. Answers whether the page took it on.
    /// </summary>
    public const string ReloadWhenReady = Prefix + "reloadWhenReady";

    /// <summary>The functions form recovery calls.</summary>
    public static class Forms
    {
        /// <summary>The handle of the form around a marker: the browser attached it, and started its restore, when the marker went live.</summary>
        public const string Handle = Prefix + "forms.handle";

        /// <summary>Forgets every form stored in the tab that is not the given owner's; answers how many it forgot.</summary>
        public const string KeepOwner = Prefix + "forms.keepOwner";

        /// <summary>The fields the tab stored for the current page's forms, as far as a form model may take them.</summary>
        public const string Stored = Prefix + "forms.stored";
    }

    /// <summary>The methods of the form handle that <see cref="Forms.Handle"/> answers.</summary>
    public static class FormHandle
    {
        /// <summary>Answers what the restore did (it started in the browser, in the render that made the form live).</summary>
        public const string Outcome = "outcome";

        /// <summary>Forgets the stored form (a valid submit).</summary>
        public const string Clear = "clear";

        /// <summary>Stops capturing.</summary>
        public const string Dispose = "dispose";
    }

    /// <summary>The functions [TabState] calls (<c>wwwroot/TabState/tabState.js</c>, exposed by the initializer).</summary>
    public static class TabState
    {
        /// <summary>The tab's id and the entries that fit in the inline budget; <c>withheld</c> counts the rest.</summary>
        public const string Open = Prefix + "tabState.open";

        /// <summary>The entries <see cref="Open"/> left out, as UTF-8 JSON bytes that Blazor streams in chunks.</summary>
        public const string Rest = Prefix + "tabState.rest";

        /// <summary>Stores sealed entries; answers null or why it could not.</summary>
        public const string Write = Prefix + "tabState.write";
    }

    /// <summary>The attributes <see cref="ConnectionStatus"/> renders, which the browser drives while the connection is down.</summary>
    public static class StatusAttributes
    {
        /// <summary>The container; the browser sets <see cref="State"/> on it and toggles its <c>hidden</c>.</summary>
        public const string Status = "data-livestate-status";

        /// <summary>The live region the browser writes each state's message into.</summary>
        public const string Announce = "data-livestate-announce";

        /// <summary>Seconds to the next try.</summary>
        public const string Countdown = "data-livestate-countdown";

        /// <summary>Around the countdown: shown only for waits of 2 s or more.</summary>
        public const string CountdownWrapper = "data-livestate-countdown-wrapper";

        /// <summary>The manual reload button.</summary>
        public const string Reload = "data-livestate-reload";

        /// <summary>One block per state; its value is the state it shows.</summary>
        public const string StateContent = "data-state-content";

        /// <summary>Set by the browser on the container: the state it shows now.</summary>
        public const string State = "data-state";
    }

    /// <summary>The attributes of <see cref="FormRecovery"/>'s hidden marker: the form's options.</summary>
    public static class FormAttributes
    {
        /// <summary><see cref="Live"/> once the form is interactive (the browser's signal to restore at once), else <see cref="Static"/>.</summary>
        public const string Marker = "data-livestate-form-recovery";

        /// <summary>A value of <see cref="Marker"/>.</summary>
        public const string Live = "live";

        /// <summary>A value of <see cref="Marker"/>.</summary>
        public const string Static = "static";

        /// <summary>The marker's tag: a custom element, whose callbacks start the restore in the browser.</summary>
        public const string MarkerElement = "livestate-form-recovery";

        /// <summary>The form's name in storage.</summary>
        public const string Key = "data-livestate-key";

        /// <summary>The app's build: a snapshot of another build is not restored.</summary>
        public const string Build = "data-livestate-build";

        /// <summary>How long a snapshot is kept, in milliseconds.</summary>
        public const string TtlMs = "data-livestate-ttl-ms";

        /// <summary>The largest snapshot, in characters.</summary>
        public const string MaxChars = "data-livestate-max-chars";

        /// <summary>The debounce of saves, in milliseconds.</summary>
        public const string SaveDelayMs = "data-livestate-save-delay-ms";

        /// <summary>The owner tag of the user the form belongs to.</summary>
        public const string Owner = "data-livestate-owner";

        /// <summary>The multi-step flow the form is a step of.</summary>
        public const string Flow = "data-livestate-flow";

        /// <summary>The app's extra sensitive field names, a JSON array.</summary>
        public const string SensitiveNames = "data-livestate-sensitive-names";

        /// <summary>
        /// The class (with <c>aria-busy="true"</c>) of a prerendered form whose snapshot waits for the circuit; the
        /// app styles it. Set by the inline script of <c>FormRecoveryPending</c>, removed by the form module.
        /// </summary>
        public const string PendingClass = "livestate-form-pending";
    }

    /// <summary>The kit's sessionStorage keys that server-rendered script reads (the browser modules own the rest).</summary>
    public static class StorageKeys
    {
        /// <summary>A form snapshot's key: this, then the page's path, <c>#</c> and the form's key.</summary>
        public const string FormPrefix = "blazor-livestate:form:";

        /// <summary>
        /// The field the user was typing in when the kit reloaded the page: <c>{ path, selector }</c>, written by
        /// <c>wwwroot/FormRecovery/reloadFocus.js</c> for the next document only.
        /// </summary>
        public const string ReloadFocus = "blazor-livestate:reload-focus";
    }

    /// <summary>
    /// The reload hand-off cookies' name prefix; each document adds its own random suffix
    /// (<c>wwwroot/TabState/tabState.js</c> writes them, <c>TabState/ReloadHandoff.cs</c> reads them).
    /// </summary>
    public const string ReloadHandoffCookiePrefix = "blazor-livestate-reload.";
}
