namespace LiveState.Bench;

/// <summary>What one deploy of one app measured.</summary>
/// <param name="FreshLoad">From navigation start on a freshly started server to the page being interactive.</param>
/// <param name="Recovery">From the new server's first answer (in a drain behind nginx, where another instance answers all along: from the page losing its connection to the old one) to the page being interactive with as much state back as it will get.</param>
/// <param name="Survivors">Pieces of state back after the deploy.</param>
/// <param name="Total">Pieces of state changed before the deploy.</param>
/// <param name="RequestsWhileDown">HTTP requests and WebSockets the page opened to the server while it was down (in a drain: from the signal to the old instance's exit).</param>
/// <param name="Downtime">How long no server answered.</param>
/// <param name="TimeToExit">From the signal to the old process exiting.</param>
/// <param name="PasswordRestored">Whether the password field came back (it must not).</param>
/// <param name="ReloadStarted">From the new server's first answer (in a drain: the connection's loss) to the page asking for its document again (none: no reload).</param>
/// <param name="Interactive">From the new server's first answer to the page being interactive again.</param>
/// <param name="Reloads">Documents the page loaded after the deploy started (0: it resumed in place).</param>
/// <param name="WrongState">How long the page showed a value other than the one the user left, during the recovery.</param>
/// <param name="ScrollKept">Whether the window's scroll position was the user's after the recovery.</param>
/// <param name="FocusKept">Whether the field the user was in still had the focus, with the caret where it was.</param>
internal sealed record DeployRun(
    TimeSpan FreshLoad,
    TimeSpan Recovery,
    TimeSpan? ReloadStarted,
    TimeSpan Interactive,
    int Survivors,
    int Total,
    int RequestsWhileDown,
    TimeSpan Downtime,
    TimeSpan TimeToExit,
    bool PasswordRestored,
    int Reloads,
    TimeSpan WrongState,
    bool ScrollKept,
    bool FocusKept);
