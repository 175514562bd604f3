// Blazor.LiveState's JS initializer. Blazor loads it on every full page load because the package
// ships it under this name. It only wires the kit's modules together; each capability lives in its
// own module. Blazor calls the Web App hooks and, once the server starts, the server hooks: each
// step is guarded to run once.

import { events, startedAttribute } from './constants.js';
import { startFormRecovery } from './FormRecovery/formRecovery.js';
import { rememberFocus } from './FormRecovery/reloadFocus.js';
import { forgetOtherOwners } from './FormRecovery/snapshot.js';
import { storedFields } from './FormRecovery/storedForms.js';
import { browserEnvironment } from './environment.js';
import { DeployAwareReconnect } from './Reconnect/reconnect.js';
import { TabStateStorage } from './TabState/tabState.js';

const storage = sessionStorageOrNone();
const kit = new DeployAwareReconnect(browserEnvironment(window, storage));
// <FormRecovery />: each form's restore starts in the render that makes it interactive.
const forms = startFormRecovery(window, storage);
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
 * - `BlazorLiveState.reloadWhenReady(reason)`: the server cannot restore this page's state (its store does not
 *   answer): the page waits for a ready instance and reloads, as after a crash;
 * - `BlazorLiveState.forms.handle(marker)`: the handle of the form around a <FormRecovery /> marker (its restore
 *   started when the marker went live);
 * - `BlazorLiveState.forms.keepOwner(owner)`: forgets every stored form that is not this user's (the server
 *   calls it as each connection comes up: a sign-out or a new user empties it before any form page opens);
 * - `BlazorLiveState.forms.stored(request)`: the fields this tab stored for the current page's forms, for a
 *   [FormRecoveryModel] to take before its component's first render (storedForms.js);
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
  reloadWhenReady: reason => kit.reloadWhenReady(reason),
  // <FormRecovery />: the server collects the restore's outcome through this.
  forms: Object.freeze({
    handle: marker => forms.handleOf(marker),
    keepOwner: owner => (typeof owner === 'string' && owner ? forgetOtherOwners(sessionStorageOrNone(), owner) : 0),
    stored: request => storedFields(storage, document, location, request, Date.now()),
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
