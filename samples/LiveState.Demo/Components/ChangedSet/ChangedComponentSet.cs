namespace LiveState.Demo.Components.ChangedSet;

/// <summary>
/// The demo built with <c>-p:DemoComponentSet=Changed</c>: a new build whose components changed. Its interactive
/// root is <c>LiveState.Demo.Components.ChangedSet.Routes</c> instead of <c>LiveState.Demo.Components.Routes</c>,
/// which that build does not have, so a page paused on the usual build cannot resume on it (Blazor finds no root
/// component of the paused page's type) and must fall back to a reload. The E2E tests deploy it.
/// </summary>
/// <remarks>
/// This type is in both builds so that <c>App.razor</c>'s <c>@using</c> of this namespace compiles in each; the
/// usual build then finds only the usual <c>Routes</c>, the changed build only the one in this folder.
/// </remarks>
internal static class ChangedComponentSet
{
}
