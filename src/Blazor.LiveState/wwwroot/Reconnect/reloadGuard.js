// Stops a reload loop: a page that reloads to recover, and whose next circuit is lost again at
// once, must not reload forever. Kept in sessionStorage, so it is per tab and survives the reloads
// it counts. Pure apart from the storage it is given: tested with node.

import { storageKeys } from '../constants.js';

const key = storageKeys.reloads;

function read(storage) {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? 'null');
    return Array.isArray(parsed) ? parsed.filter(t => typeof t === 'number') : [];
  } catch {
    // Tampered or corrupt: start counting afresh rather than fail.
    return [];
  }
}

/** Whether another reload is allowed: fewer than `maxReloads` within the last `windowMs`. */
export function canReload(storage, now, maxReloads, windowMs) {
  return read(storage).filter(t => now - t < windowMs).length < maxReloads;
}

/** Records a reload about to happen. */
export function recordReload(storage, now, windowMs) {
  const recent = read(storage).filter(t => now - t < windowMs);
  recent.push(now);
  try {
    storage.setItem(key, JSON.stringify(recent));
  } catch {
    // Storage full or disabled: the guard cannot count, so the caller's limit still holds per page.
  }
}

/** Forgets past reloads, once a circuit has stayed up long enough to call the recovery a success. */
export function clearReloads(storage) {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}
