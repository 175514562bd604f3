// Blazor.LiveState's JS initializer. Blazor loads it on every full page load because the package
// ships it under this name. It only wires the kit's modules together; each capability lives in its
// own module. Blazor calls the Web App hooks and, once the server starts, the server hooks: each
// step is guarded to run once.

import { attributeSelector, events, formAttributes, formMarkerStates, startedAttribute } from './constants.js';
import { LiveForms } from './FormRecovery/liveForms.js';
import { rememberFocus, takeFocus } from './FormRecovery/reloadFocus.js';
import { PasswordFields } from './FormRecovery/sensitive.js';
import { forgetOtherOwners } from './FormRecovery/snapshot.js';
import { browserEnvironment } from './environment.js';
import { DeployAwareReconnect } from './Reconnect/reconnect.js';
import { TabStateStorage } from './TabState/tabState.js';

const storage = sessionStorageOrNone();
const kit = new DeployAwareReconnect(browserEnvironment(window, storage));
// <FormRecovery />: restores each stored form as soon as Blazor renders it interactively.
const liveForms = new LiveForms(document, () => import('./FormRecovery/FormRecovery.razor.js'), storage);
liveForms.watch();
// A circuit resumed in place (a planned deploy) renders its forms anew: they are restored in the same task as
// that render, as on a reload, so no field shows empty in between.
document.addEventListener(events.resuming, () => liveForms.watch({ again: true }));
// Blazor loads this initializer before it connects; a prerendered <FormRecovery /> on the page will need its
// module the moment the circuit renders, so load it now, while the connection is being set up.
if (document.querySelector(attributeSelector(formAttributes.marker))) {
  liveForms.preload();
}
// Password fields, seen from the first moment of the page: one switched to text ("show password") is still
// never stored.
const passwordFields = new PasswordFields(document);
passwordFields.watch();
// Forms the user edited, seen from the first moment of the page: <FormRecovery />'s module attaches
// after its component's first render, and an edit made before that must still count.
const editedForms = new WeakSet();
for (const type of ['input', 'change']) {
  document.addEventListener(type, event => {
    const form = event.isTrusted ? event.target?.closest?.('form') : null;
    if (form) {
      editedForms.add(form);
    }
  }, true);
}
// <FormRecovery /> forms as prerendered (a reloaded page, before its circuit is up): the user may type into them, and
// the circuit's render replaces them. Their elements keep what was typed, and the field last focused in them, for
// the restore to put over the stored values (FormRecovery.razor.js, typedBeforeRestore).
const prerenderedForms = [...document.querySelectorAll(attributeSelector(formAttributes.marker, formMarkerStates.static))]
  .map(marker => ({ marker, form: marker.closest('form'), focused: null }))
  .filter(p => p.form);
if (prerenderedForms.length > 0) {
  document.addEventListener('focusin', event => {
    for (const prerendered of prerenderedForms) {
      prerendered.focused = prerendered.form.contains(event.target) ? event.target : null;
    }
  }, true);
  // The field the user was typing in before the kit reloaded the page: the keys they go on pressing go into it.
  const carried = takeFocus(storage, document, location.pathname);
  if (carried && (!document.activeElement || document.activeElement === document.body) && prerenderedForms.some(p => p.form.contains(carried))) {
    carried.focus({ preventScroll: true });
  }
  // A field focused before this module ran (the page's own autofocus, or the user quicker than the script).
  for (const prerendered of prerenderedForms) {
    if (prerendered.form.contains(document.activeElement)) {
      prerendered.focused = document.activeElement;
    }
  }
}
const tabState = new TabStateStorage(storage, window.crypto, { topDocument: window.top === window });
// A reload or a navigation away: the next document in this tab is the same tab, not a duplicate.
window.addEventListener('pagehide', () => tabState.leave());
window.addEventListener('pageshow', event => {
  if (event.persisted) {
    tabState.claim();
  }
});
// The reload after a crash: the next document's prerender gets this tab's state for that one request, and
// paints it restored from the start. Only a request to this origin carries the cookie.
document.addEventListener(events.reloading, event => {
  const target = new URL(event.detail?.url ?? location.href, location.href);
  if (target.origin === location.origin) {
    const cookie = tabState.handoff(target.pathname, location.protocol === 'https:');
    if (cookie) {
      document.cookie = cookie;
    }
    rememberFocus(storage, document, target.pathname);
  }
});
let started = false;

/**
 * The kit's browser API, also used by the server through JS interop:
 * - `BlazorLiveState.state`: starting (no circuit up yet), connected, reconnecting, offline, reloading or failed;
 * - `BlazorLiveState.saveNow(reason)`: asks every part of the kit to save what it holds;
 * - `BlazorLiveState.forms.attach(marker)`: the handle of the form around a <FormRecovery /> marker;
 * - `BlazorLiveState.forms.keepOwner(owner)`: forgets every stored form that is not this user's (the server
 *   calls it as each connection comes up: a sign-out or a new user empties it before any form page opens);
 * - events on `document`: `livestate:statechange`, `livestate:connectiondown`, `livestate:save`
 *   (call `event.detail.waitUntil(promise)` to finish saving before a reload).
 */
window.BlazorLiveState ??= Object.freeze({
  get state() {
    return kit.status.state;
  },
  saveNow: reason => kit.saveNow(reason ?? 'app'),
  connected: config => kit.connected(config),
  drain: moveAfterMs => kit.drain(moveAfterMs),
  wasEdited: form => editedForms.has(form),
  // <FormRecovery />: the server collects the restore's outcome through this.
  forms: Object.freeze({
    attach: marker => liveForms.attach(marker),
    keepOwner: owner => (typeof owner === 'string' && owner ? forgetOtherOwners(sessionStorageOrNone(), owner) : 0),
    wasPassword: element => passwordFields.has(element),
    // The prerendered form whose marker `matches`, taken once (its edits go to one restore).
    takePrerendered: matches => {
      const index = prerenderedForms.findIndex(p => matches(p.marker));
      return index < 0 ? null : prerenderedForms.splice(index, 1)[0];
    },
  }),
  // [TabState]: the server reads and writes this tab's sealed entries through these.
  tabState: Object.freeze({
    open: budget => tabState.open(budget),
    rest: budget => tabState.rest(budget),
    write: entries => tabState.write(entries),
    reset: () => tabState.reset(),
  }),
});

export function beforeWebStart(options) {
  kit.install(options?.circuit);
}

export function afterWebStarted() {
  // Blazor calls this whether or not a circuit could start: the kit has loaded, nothing more.
  markStarted();
}

export function beforeServerStart(options) {
  kit.install(options);
}

export function afterServerStarted() {
  // Blazor calls this only once its circuit started.
  markStarted();
  kit.circuitIsUp();
}

// Reading window.sessionStorage throws where the browser blocks storage; every module gets this one
// stand-in instead, so tab state reports "storage-unavailable" and the reconnect still reloads,
// rather than the initializer or a reload failing.
function sessionStorageOrNone() {
  try {
    return window.sessionStorage;
  } catch {
    const unavailable = () => {
      throw new Error('sessionStorage is not available');
    };
    return { getItem: unavailable, setItem: unavailable, removeItem: unavailable };
  }
}

function markStarted() {
  if (started) {
    return;
  }
  started = true;
  document.documentElement.setAttribute(startedAttribute, 'started');
}
