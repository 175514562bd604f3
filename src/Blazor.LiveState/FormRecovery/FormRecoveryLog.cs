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
}
