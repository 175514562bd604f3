// Every name the kit's browser code shares with the server's markup, with apps or with its own earlier pages:
// DOM attributes, document events and sessionStorage keys (as Phoenix LiveView's constants.js lists its own).
// The browser modules import them from here and spell none of them again; the server's side of the same
// names is Shared/LiveStateInterop.cs, and a test (LiveStateContractTests) fails if the two lists drift apart
// or a name is typed anywhere else.

/** The attributes the server renders onto <ConnectionStatus /> and the browser drives while the connection is down. */
export const statusAttributes = Object.freeze({
  status: 'data-livestate-status',
  announce: 'data-livestate-announce',
  countdown: 'data-livestate-countdown',
  countdownWrapper: 'data-livestate-countdown-wrapper',
  reload: 'data-livestate-reload',
  // One block per state; its value is the state it shows.
  stateContent: 'data-state-content',
  // Set by the browser on each status element: the state it shows now.
  state: 'data-state',
});

/** The attributes of <FormRecovery />'s hidden marker: the form's options, as the server renders them. */
export const formAttributes = Object.freeze({
  marker: 'data-livestate-form-recovery',
  key: 'data-livestate-key',
  build: 'data-livestate-build',
  ttlMs: 'data-livestate-ttl-ms',
  maxChars: 'data-livestate-max-chars',
  saveDelayMs: 'data-livestate-save-delay-ms',
  owner: 'data-livestate-owner',
  flow: 'data-livestate-flow',
  sensitiveNames: 'data-livestate-sensitive-names',
  // Set by the browser once a handle is attached to the marker's form.
  attached: 'data-livestate-attached',
});

/** The values of formAttributes.marker: "live" once the form is interactive, its signal to restore at once. */
export const formMarkerStates = Object.freeze({ live: 'live', static: 'static' });

/**
 * The tag of <FormRecovery />'s marker, a custom element: the browser calls the kit back when one is put on the
 * page or turns live, in the same task as the render.
 */
export const formMarkerElement = 'livestate-form-recovery';

/**
 * The class (with aria-busy="true") of a prerendered form whose snapshot waits for the circuit: the inline script
 * <FormRecovery /> prerenders sets it, the form module removes it when the restore has ended; the app styles it.
 */
export const formPendingClass = 'livestate-form-pending';

/** The attributes an app puts on its own fields. */
export const fieldAttributes = Object.freeze({
  // A field's stable name when it has neither name nor id.
  field: 'data-livestate-field',
  // On a field or an ancestor: never stored ("false" opts back in).
  ignore: 'data-livestate-ignore',
  // "false" opts a field out of the name rules for sensitive fields (never out of the password rules).
  sensitive: 'data-livestate-sensitive',
  // The query key of a field that [UrlState] sets, when it is not the field's name.
  url: 'data-livestate-url',
});

/** Set on <html> once the kit's initializer has run: `data-live-state="started"`. */
export const startedAttribute = 'data-live-state';

/** The events the kit raises on `document`. */
export const events = Object.freeze({
  stateChange: 'livestate:statechange',
  connectionDown: 'livestate:connectiondown',
  save: 'livestate:save',
  resuming: 'livestate:resuming',
  sensitive: 'livestate:sensitive',
  // Just before the kit reloads the page (detail.url: where to): the tab hands its state to that one request.
  reloading: 'livestate:reloading',
});

/** The kit's sessionStorage keys (per tab, surviving reloads). */
export const storageKeys = Object.freeze({
  tab: 'blazor-livestate:tab',
  tabOpen: 'blazor-livestate:tab-open',
  recovery: 'blazor-livestate:recovery',
  reloads: 'blazor-livestate:reloads',
  // Followed by the form's path and key.
  formPrefix: 'blazor-livestate:form:',
  // The field the user was typing in when the kit reloaded, for the next document to focus (one reload).
  reloadFocus: 'blazor-livestate:reload-focus',
});

/** The reload hand-off cookie's name, before its per-document suffix (TabState/ReloadHandoff.cs reads it). */
export const reloadHandoffCookiePrefix = 'blazor-livestate-reload.';

/**
 * What <ConnectionStatus /> and the browser's fallback banner say in each state, and what the live region
 * announces. Their one home is ConnectionStatusMessages.cs, which the server renders; the fallback banner needs
 * them before any server is reachable, so this copy stands in and a test pins it to the C# one.
 */
export const statusMessages = Object.freeze({
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Your page reconnects when the network is back.',
  reloading: 'The server was restarted or updated. Restoring your page…',
  failed: 'The page could not be restored automatically.',
});

/** An attribute selector: `[name]`, or `[name="value"]`. */
export function attributeSelector(name, value) {
  return value === undefined ? `[${name}]` : `[${name}="${value}"]`;
}
