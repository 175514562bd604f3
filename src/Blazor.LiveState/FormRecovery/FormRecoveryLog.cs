using Microsoft.Extensions.Logging;

namespace Blazor.LiveState.Forms;

internal static partial class FormRecoveryLog
{
    [LoggerMessage(100, LogLevel.Information, "Form '{FormKey}': restored {Restored} fields typed before the connection was lost ({Dropped} malformed entries ignored).")]
    public static partial void Restored(ILogger logger, string formKey, int restored, int dropped);

    [LoggerMessage(101, LogLevel.Warning, "Form '{FormKey}': the stored snapshot was ignored ({Reason}); the form starts from its defaults.")]
    public static partial void SnapshotRejected(ILogger logger, string formKey, string reason);

    [LoggerMessage(102, LogLevel.Warning, "Form '{FormKey}': the browser module failed ({BrowserError}); the form works but is not recovered.")]
    public static partial void BrowserFailed(ILogger logger, string formKey, string browserError);

    [LoggerMessage(103, LogLevel.Warning, "Form recovery: the Data Protection key ring has no key, so forms are bound to signed-in users with a key of this process; after a restart their stored forms are not restored. Persist the key ring (AddDataProtection().PersistKeysTo…).")]
    public static partial void OwnerKeyPerProcess(ILogger logger);

    [LoggerMessage(104, LogLevel.Warning, "Form recovery: the Data Protection key ring could not be read ({Error}); signed-in users' forms are neither stored nor restored until it can.")]
    public static partial void OwnerKeyUnavailable(ILogger logger, string error, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "Form recovery: the signed-in user could not be read; forms on this page are neither stored nor restored.")]
    public static partial void OwnerUnknown(ILogger logger, Exception exception);

    [LoggerMessage(106, LogLevel.Information, "Form recovery: forgot {Count} forms another user stored in this tab (a sign-out, an ended session or another user).")]
    public static partial void OtherOwnersForgotten(ILogger logger, int count);

    [LoggerMessage(107, LogLevel.Information, "Form '{FormKey}': the stored snapshot belonged to another user and was dropped, with every other form of theirs in the tab; the form starts from its defaults.")]
    public static partial void OtherOwnerDropped(ILogger logger, string formKey);

    [LoggerMessage(108, LogLevel.Warning, "Form recovery: the browser's stored forms could not be read for a form model ({Reason}); its fields go back through the form's inputs.")]
    public static partial void StoredFormsUnread(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(109, LogLevel.Debug, "Form model '{Model}' of {Component}: {Count} stored values set before its first render.")]
    public static partial void ModelRestored(ILogger logger, string model, string component, int count);
}
