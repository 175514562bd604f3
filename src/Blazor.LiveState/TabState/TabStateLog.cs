using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.TabState;

/// <summary>[TabState]'s log messages.</summary>
internal static partial class TabStateLog
{
    [LoggerMessage(300, LogLevel.Debug, "Tab state '{Entry}' restored ({Count} values, saved by build {Build}).")]
    public static partial void Restored(ILogger logger, string entry, int count, string build);

    [LoggerMessage(301, LogLevel.Warning, "Tab state '{Entry}' was dropped ({Reason}); the component starts from its defaults.")]
    public static partial void Dropped(ILogger logger, string entry, string reason);

    [LoggerMessage(302, LogLevel.Warning, "Tab state '{Entry}': the saved value of {Property} no longer fits its type ({Reason}); the property keeps its default.")]
    public static partial void ValueDropped(ILogger logger, string entry, string property, string reason);

    [LoggerMessage(303, LogLevel.Warning, "Tab state could not be loaded from the {Store} store ({Reason}); components start from their defaults.")]
    public static partial void LoadFailed(ILogger logger, string store, string reason, Exception? exception);

    [LoggerMessage(304, LogLevel.Warning, "Tab state could not be saved to the {Store} store ({Reason}); the app keeps working, but this tab's latest changes would not survive a restart. Later saves retry.")]
    public static partial void SaveFailed(ILogger logger, string store, string reason, Exception? exception);

    [LoggerMessage(305, LogLevel.Information, "Tab state is being saved to the {Store} store again.")]
    public static partial void SaveRecovered(ILogger logger, string store);

    [LoggerMessage(306, LogLevel.Warning, "Tab state {Component}.{Property} is not saved: its value is {Size} bytes and {Free} of the component's {Limit} bytes are left (TabState.MaxStateBytes). It restores as its default; the component's other values are saved.")]
    public static partial void ValueTooLarge(ILogger logger, string component, string property, int size, int free, int limit);

    [LoggerMessage(307, LogLevel.Error, "Tab state '{Entry}': {Property} could not be serialized; it is not saved.")]
    public static partial void SerializeFailed(ILogger logger, string entry, string property, Exception exception);

    [LoggerMessage(309, LogLevel.Debug, "Tab state '{Entry}' restored from the tab this one was duplicated from; it is saved again under this tab's own id.")]
    public static partial void CopiedFromOriginalTab(ILogger logger, string entry);

    [LoggerMessage(310, LogLevel.Warning, "Tab state '{Entry}' was sealed with Data Protection key {KeyId}, which this app does not have: the key ring is not persisted, or not shared with the instance that saved it. The component starts from its defaults. Keep the keys outside the process, the same for every instance: AddDataProtection().PersistKeysTo…(…).SetApplicationName(…).")]
    public static partial void SealedWithMissingKey(ILogger logger, string entry, Guid keyId);

    [LoggerMessage(311, LogLevel.Warning, "Data Protection keys are not kept outside this process ({Problem}). [TabState] values sealed now cannot be opened after a restart or deploy, nor by another instance: every tab would start from its defaults. Keep the keys outside the process, the same for every instance: builder.Services.AddDataProtection().PersistKeysTo…(…) (file system on a mounted volume, Redis, a database, blob storage) and .SetApplicationName(\"…\").")]
    public static partial void KeyRingNotKept(ILogger logger, string problem);

    [LoggerMessage(312, LogLevel.Warning, "The reload hand-off of tab state was ignored ({Reason}); the page prerenders without it and its circuit restores the tab state as usual.")]
    public static partial void HandoffIgnored(ILogger logger, string reason);

    [LoggerMessage(313, LogLevel.Debug, "A tab-state save of {Count} entries was cut off by the dropped connection; it is sent again when the page reconnects.")]
    public static partial void SaveCutOff(ILogger logger, int count);

    [LoggerMessage(314, LogLevel.Warning, "Tab state could not be loaded from the {Store} store ({Reason}); the page waits for an instance that can read it and reloads, rather than show its components' defaults.")]
    public static partial void StoreUnreadable(ILogger logger, string store, string reason, Exception? exception);

    [LoggerMessage(316, LogLevel.Warning, "Tab state could not be loaded from the {Store} store ({Reason}) for the prerender of a reload; components deriving from LiveComponentBase are left out of it rather than show their defaults, and the circuit tries again.")]
    public static partial void PrerenderStoreUnreadable(ILogger logger, string store, string reason, Exception? exception);

    [LoggerMessage(315, LogLevel.Warning, "The page could not be asked to reload while the tab-state store does not answer ({Reason}); its components start from their defaults.")]
    public static partial void ReloadNotAsked(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(308, LogLevel.Warning, "The browser sent a tab identity that is not well formed; tab state is off for this circuit.")]
    public static partial void BadIdentity(ILogger logger);
}
