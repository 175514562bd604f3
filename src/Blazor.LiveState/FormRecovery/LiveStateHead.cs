using Blazor.LiveState.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Blazor.LiveState;

/// <summary>
/// The kit's script for the page's <c>&lt;head&gt;</c>, which runs before the browser parses the body. Optional: put
/// it first in the <c>&lt;head&gt;</c> of <c>App.razor</c>, before the stylesheets (an inline script after a
/// stylesheet still loading waits for it). Today it keeps the keys a user presses on a page the kit reloaded (after a
/// crash) before the browser has parsed the <see cref="FormRecovery"/> form they were typing in: without it those keys
/// reach the page's body and are lost; with it they go into the field, in order. Without it everything else works.
/// </summary>
/// <remarks>
/// A small inline script: a Content Security Policy that forbids inline scripts (no <c>'unsafe-inline'</c> or
/// matching hash) blocks it, and the keys are then lost as without it. It stores nothing and, on pages the kit did
/// not reload, only reads one <c>sessionStorage</c> key (and marks the window, so that a second copy does nothing). It is not rendered through <c>HeadContent</c>:
/// the head shows only the last <c>HeadContent</c> of a page, so a kit component using it would hide the app's own.
/// </remarks>
/// <example>
/// <code>
/// &lt;head&gt;
///     &lt;meta charset="utf-8" /&gt;
///     &lt;base href="/" /&gt;
///     &lt;LiveStateHead /&gt;
///     &lt;link rel="stylesheet" href="@Assets["app.css"]" /&gt;
///     …
/// </code>
/// </example>
public sealed class LiveStateHead : ComponentBase
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, FormRecoveryEarlyKeys.Script);

    /// <inheritdoc />
    // The markup never changes: once rendered, nothing a parent does renders it again.
    protected override bool ShouldRender() => false;
}
