// [TabState]'s browser side: a random id per browser tab, and (with the default browser storage) the
// sealed state of each component, both in sessionStorage, which is per tab and survives reloads. The
// browser never sees the state itself: entries are encrypted and signed by the server (ASP.NET Core
// Data Protection) and only handed back to it. Pure apart from the storage it is given: tested with node.

export const storageKey = 'blazor-livestate:tab';
const idPattern = /^[A-Za-z0-9_-]{22,64}$/;
const entryKeyPattern = /^[\w.+#:/<>`,\[\]-]{1,300}$/;

/** 128 random bits, base64url: unguessable, and safe in a cache key. */
export function newTabId(crypto) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const b of bytes) {
    text += String.fromCharCode(b);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isTabId(value) {
  return typeof value === 'string' && idPattern.test(value);
}

export class TabStateStorage {
  constructor(storage, crypto) {
    this.storage = storage;
    this.crypto = crypto;
  }

  /** The tab's id and stored entries; a new id when there is none or it was tampered with. */
  open() {
    const record = this.read();
    if (!record) {
      return { id: null, entries: {}, error: 'storage-unavailable' };
    }

    return { id: record.id, entries: record.entries, error: null };
  }

  /**
   * Stores sealed entries ({ key: token }, a null token removes the entry). Returns null, or the reason
   * nothing was stored ('storage-unavailable', 'quota').
   */
  write(entries) {
    const record = this.read();
    if (!record) {
      return 'storage-unavailable';
    }

    for (const [key, token] of Object.entries(entries ?? {})) {
      if (!entryKeyPattern.test(key)) {
        continue;
      }
      if (typeof token === 'string') {
        record.entries[key] = token;
      } else {
        delete record.entries[key];
      }
    }

    return this.save(record) ? null : 'quota';
  }

  /** Forgets everything and starts the tab over with a new id. */
  reset() {
    const record = { id: newTabId(this.crypto), entries: {} };
    return this.save(record) ? record.id : null;
  }

  read() {
    let raw;
    try {
      raw = this.storage.getItem(storageKey);
    } catch {
      return null;
    }

    const parsed = safeParse(raw);
    if (parsed && isTabId(parsed.id) && parsed.entries && typeof parsed.entries === 'object' && !Array.isArray(parsed.entries)) {
      // Keep only what the server could have written: string tokens under well-formed keys.
      const entries = {};
      for (const [key, token] of Object.entries(parsed.entries)) {
        if (entryKeyPattern.test(key) && typeof token === 'string') {
          entries[key] = token;
        }
      }
      return { id: parsed.id, entries };
    }

    // None yet, or tampered beyond use: this tab starts over.
    const record = { id: newTabId(this.crypto), entries: {} };
    return this.save(record) ? record : null;
  }

  save(record) {
    try {
      this.storage.setItem(storageKey, JSON.stringify(record));
      return true;
    } catch {
      return false;
    }
  }
}

function safeParse(raw) {
  if (typeof raw !== 'string') {
    return null;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
