using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Marks a prerendered form whose stored snapshot waits for the circuit as pending, from the first paint: a
/// reloaded page (after a crash, say) would otherwise show the form's empty fields until the circuit renders it
/// and the browser module puts the values back. The module cannot do it: Blazor loads it after the page is
/// painted. So <see cref="FormRecovery"/> renders this small inline script right after its marker, which the
/// browser runs while it parses the form: it looks in this tab's sessionStorage for the form's snapshot (same key,
/// same owner, not expired, as the module reads it) and, when there is one, sets <c>aria-busy="true"</c> and
/// <see cref="PendingClass"/> on the form. The module removes both when its restore has ended; the circuit's
/// render replaces the prerendered form anyway.
/// <para>
/// After a reload the kit started, the same script gives the field the user was typing in its focus back, at the
/// first key they press or once the document is parsed, whichever is first: until the module runs (a few hundred
/// milliseconds later) the focus would be on the page's body, and every key pressed there would be lost. A focus
/// the user has put elsewhere by then is left alone.
/// </para>
/// </summary>
/// <remarks>
/// Only the fields after the script are covered for certain (the browser may paint what it parsed before it): the
/// marker is the first thing <see cref="FormRecovery"/> renders, so put it first in the form. A Content Security
/// Policy without <c>'unsafe-inline'</c> (or a matching hash) for scripts blocks it: the form then shows its empty
/// fields until the restore, as without it.
/// </remarks>
internal static class FormRecoveryPending
{
    /// <summary>The class a pending form carries (with <c>aria-busy="true"</c>): the app styles it.</summary>
    public const string PendingClass = LiveStateInterop.FormAttributes.PendingClass;

    // Must read the key and the snapshot as recoverableForm.js and snapshot.js do (tests/js check the names).
    public const string Script =
        "<script>(function(s){try{var m=s.previousElementSibling,f=s.closest('form');if(!f||!m)return;"
        + "var d=JSON.parse(sessionStorage.getItem('" + LiveStateInterop.StorageKeys.FormPrefix + "'+location.pathname+'#'"
        + "+(m.getAttribute('" + LiveStateInterop.FormAttributes.Key + "')||f.getAttribute('name')||f.id||'form'))||'null');"
        + "if(d&&d.owner===m.getAttribute('" + LiveStateInterop.FormAttributes.Owner + "')&&Date.now()-d.savedAt<+m.getAttribute('" + LiveStateInterop.FormAttributes.TtlMs + "')){"
        + "f.setAttribute('aria-busy','true');f.classList.add('" + PendingClass + "');}"
        + "var r=JSON.parse(sessionStorage.getItem('" + LiveStateInterop.StorageKeys.ReloadFocus + "')||'null');"
        + "if(!r||r.path!==location.pathname||typeof r.selector!=='string')return;"
        + "var o=function(){document.removeEventListener('keydown',t,true);document.removeEventListener('DOMContentLoaded',t);},"
        + "t=function(){try{var a=document.activeElement;if(a&&a!==document.body)return o();"
        + "var e=document.querySelector(r.selector);if(e&&f.contains(e)){e.focus({preventScroll:true});o();}}catch(x){o();}};"
        + "document.addEventListener('keydown',t,true);document.addEventListener('DOMContentLoaded',t);"
        + "}catch(e){}})(document.currentScript)</script>";
}
