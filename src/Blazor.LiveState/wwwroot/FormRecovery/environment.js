// What form recovery uses from the browser, in one object. The initializer passes the real things
// (browserFormEnvironment); node tests pass fakes (a clock they move, a storage that refuses, a form of plain
// objects), so capture and restore are tested without a browser.

import { serverRoundTrip } from './fieldTurns.js';

/**
 * @typedef {object} FormEnvironment
 * @property {Document} document  for the kit's events and the focused element
 * @property {Window} window  where 'submit' (capture phase) and 'pagehide' are raised; its scroll position
 * @property {Storage} storage  this tab's sessionStorage, or a stand-in whose methods throw where it is blocked
 * @property {{ pathname: string, search: string }} location  the page's address, read when needed
 * @property {() => number} now  milliseconds, as Date.now
 * @property {(callback: () => void, ms: number) => unknown} setTimeout
 * @property {(timer: unknown) => void} clearTimeout
 * @property {typeof MutationObserver} MutationObserver
 * @property {() => Promise<void>} roundTrip  resolves once the circuit has handled what the page sent before
 * @property {{ warn(...args: unknown[]): void }} console
 * @property {FormKit} kit  what the kit's initializer has watched since the page loaded
 */

/**
 * @typedef {object} FormKit
 * @property {(form: HTMLFormElement) => boolean} wasEdited  the user edited the form before it attached
 * @property {(element: Element) => boolean} wasPassword  the field has been a password field on this page
 * @property {(matches: (marker: Element) => boolean) => ({ form: HTMLFormElement, focused: Element | null } | null)}
 *   takePrerendered  the prerendered form whose marker matches, taken once
 */

/** The real browser, with `storage` already made safe to touch by the caller. */
export function browserFormEnvironment(win, storage, kit) {
  return Object.freeze({
    document: win.document,
    window: win,
    storage,
    location: win.location,
    now: () => Date.now(),
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: timer => win.clearTimeout(timer),
    MutationObserver: win.MutationObserver,
    roundTrip: () => serverRoundTrip(win.DotNet),
    console: win.console,
    kit,
  });
}
