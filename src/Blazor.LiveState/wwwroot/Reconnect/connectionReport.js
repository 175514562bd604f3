// The report a page sends back each time its circuit's connection comes up (its answer to
// BlazorLiveState.connected): how it got here - started, reconnected, resumed, or reloaded and why - for the
// server's logs and metrics (Reconnect/ReconnectCircuitHandler.cs). A recovery made in this document is held by
// the reconnect handler until it is reported; a kit reload leaves its record in sessionStorage for the next
// document. Pure apart from the storage it is given: tested with node.

import { storageKeys } from '../constants.js';

const key = storageKeys.recovery;

/** Records, just before a kit reload, why the page reloads: the next document's connection reports it. */
export function rememberReload(storage, { reason, attempts, downAt }) {
  try {
    storage.setItem(key, JSON.stringify({ reason, attempts, downAt }));
  } catch {
    // Only telemetry depends on it.
  }
}

/** Forgets the reload's record, once a circuit has stayed up long enough to call the recovery a success. */
export function forgetReload(storage) {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to clear where storage is unavailable.
  }
}

/**
 * What the connection that just came up reports: `recovered` (a reconnect or a resume in this document, or
 * null), else the reload that brought this document here (its record is taken: it is reported once), else a
 * start. `now` is the clock's time, for how long the page was down.
 */
export function connectionReport(storage, now, recovered) {
  if (recovered) {
    return recovered;
  }

  const reload = takeReload(storage);
  if (reload) {
    return { outcome: 'reloaded', reason: reload.reason, attempts: reload.attempts, downMs: Math.max(0, now - reload.downAt) };
  }

  return { outcome: 'started', reason: null, attempts: 0, downMs: 0 };
}

function takeReload(storage) {
  let reload = null;
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null');
    reload = value && typeof value.downAt === 'number' ? value : null;
  } catch {
    // Unreadable or blocked: only telemetry depends on it.
  }
  forgetReload(storage);
  return reload;
}
