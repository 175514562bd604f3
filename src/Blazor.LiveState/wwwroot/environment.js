// What the reconnect and drain modules (Reconnect/, Draining/) use from the browser, in one object. The page
// passes the real things (browserEnvironment); node tests pass fakes (a clock they move, a fetch that answers
// what the test says, a Blazor that accepts or rejects), so the state machines are tested without a browser.

/**
 * @typedef {object} ReconnectEnvironment
 * @property {(url: URL | string, init?: object) => Promise<Response>} fetch
 * @property {() => number} now  milliseconds, as Date.now
 * @property {(callback: () => void, ms: number) => unknown} setTimeout
 * @property {(timer: unknown) => void} clearTimeout
 * @property {() => number} random  in [0, 1), as Math.random
 * @property {Storage} storage  this tab's sessionStorage, or a stand-in whose methods throw where it is blocked
 * @property {{ href: string, reload(): void, replace(url: string): void }} location
 * @property {() => object | undefined} blazor  the page's Blazor object, read when needed (it may load later)
 * @property {Document} document  for the status display, the kit's events and visibilityState
 * @property {EventTarget} window  where 'online' and 'pageshow' are raised
 * @property {{ onLine?: boolean }} navigator
 * @property {{ warn(...args: unknown[]): void }} console
 */

/** The real browser, with `storage` already made safe to touch by the caller. */
export function browserEnvironment(win, storage) {
  return Object.freeze({
    fetch: (url, init) => win.fetch(url, init),
    now: () => Date.now(),
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: timer => win.clearTimeout(timer),
    random: () => Math.random(),
    storage,
    location: win.location,
    blazor: () => win.Blazor,
    document: win.document,
    window: win,
    navigator: win.navigator,
    console: win.console,
  });
}

/** Waits `ms` on the environment's clock. */
export function delay(env, ms) {
  return new Promise(resolve => env.setTimeout(resolve, ms));
}

/** Runs `request(signal)`, aborting it after `timeoutMs` on the environment's clock. */
export async function withTimeout(env, timeoutMs, request) {
  const abort = new AbortController();
  const timer = env.setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await request(abort.signal);
  } finally {
    env.clearTimeout(timer);
  }
}
