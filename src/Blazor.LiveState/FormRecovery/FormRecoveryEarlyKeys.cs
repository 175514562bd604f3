using Blazor.LiveState.Shared;

namespace Blazor.LiveState.Forms;

/// <summary>
/// Keeps the keys a user presses on a reloaded document before its form is parsed. After a reload the kit started
/// (a crash), the user goes on typing; the new document's <c>&lt;body&gt;</c> gets those keys until the browser has
/// parsed the form and its <see cref="FormRecoveryPending"/> script has given the field its focus back, and a key
/// pressed on the body is lost. So <see cref="LiveStateHead"/> renders this script into the page's
/// <c>&lt;head&gt;</c>, where it runs before the body is parsed. When this tab carries a
/// reload-focus record for this path, it holds the printable keys (and Backspace over them) pressed while nothing
/// has the focus, and puts them, in order, at the end of the field as soon as the field is there: at the next key
/// or once the document is parsed. The restore then merges them after the stored text like any typing into the
/// prerendered form (prerenderTyping.js).
/// </summary>
/// <remarks>
/// It does nothing once the user has put the focus anywhere, leaves keys with a modifier (shortcuts) and keys
/// other than characters alone, and stores nothing: the keys stay in the page's memory until they are in the field.
/// Without <see cref="LiveStateHead"/> in the app's head, or under a Content Security Policy that forbids inline
/// scripts, such keys are lost as before. Keys the browser delivers to neither document while it swaps them cannot
/// be seen by any script.
/// </remarks>
internal static class FormRecoveryEarlyKeys
{
    // Must read the reload-focus record as reloadFocus.js writes it (tests/js check the key). Only reads it: the
    // module takes it once it runs. One copy runs per document, even if the head has the component twice.
    public const string Script =
        "<script>(function(){try{if(window.__blazorLiveStateEarlyKeys)return;window.__blazorLiveStateEarlyKeys=1;"
        + "var r=JSON.parse(sessionStorage.getItem('" + LiveStateInterop.StorageKeys.ReloadFocus + "')||'null');"
        + "if(!r||r.path!==location.pathname||typeof r.selector!=='string')return;"
        + "var typed='',d=document,"
        + "field=function(){try{var e=d.querySelector(r.selector);return e&&typeof e.setRangeText==='function'?e:null;}catch(x){return null;}},"
        + "idle=function(){var a=d.activeElement;return !a||a===d.body||a===d.documentElement;},"
        + "stop=function(){removeEventListener('keydown',key,true);d.removeEventListener('DOMContentLoaded',parsed);},"
        + "put=function(e){e.focus({preventScroll:true});if(typed){var n=e.value.length;e.setRangeText(typed,n,n,'end');typed='';"
        + "e.dispatchEvent(new Event('input',{bubbles:true}));}},"
        + "key=function(v){if(!idle())return stop();var e=field();if(e){put(e);return stop();}"
        + "if(v.ctrlKey||v.metaKey||v.altKey||v.isComposing)return;"
        + "if(v.key&&Array.from(v.key).length===1){typed+=v.key;v.preventDefault();}"
        + "else if(v.key==='Backspace'&&typed){typed=typed.slice(0,-1);v.preventDefault();}},"
        + "parsed=function(){var e=field();if(e&&typed&&idle())put(e);stop();};"
        + "addEventListener('keydown',key,true);d.addEventListener('DOMContentLoaded',parsed);"
        + "}catch(x){}})()</script>";
}
