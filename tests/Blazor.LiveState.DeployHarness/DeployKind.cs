namespace Blazor.LiveState.DeployHarness;

/// <summary>The ways a server goes away and comes back.</summary>
public enum DeployKind
{
    /// <summary><c>kill -9</c>, then the same build starts again: a crash and a restart.</summary>
    KillAndRestart,

    /// <summary>SIGTERM, then the same build starts again: a graceful restart.</summary>
    TerminateAndRestart,

    /// <summary>SIGTERM, then a build with another version stamp starts: a deploy.</summary>
    NewBuild,
}
