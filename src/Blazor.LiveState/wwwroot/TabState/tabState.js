// [TabState]'s browser side: a random id per browser tab, and (with the default browser storage) the
// sealed state of each component, both in sessionStorage, which is per tab and survives reloads. The
// browser never sees the state itself: entries are encrypted and signed by the server (ASP.NET Core
// Data Protection) and only handed back to it. Pure apart from the storage it is given: tested with node.

import { reloadHandoffCookiePrefix, storageKeys } from '../constants.js';

export const storageKey = storageKeys.tab;
// Which document holds the tab open right now. A browser's "Duplicate tab" copies sessionStorage, this key
// included, while the original is still open: a copy that finds another document's mark is a duplicate.
export const openKey = storageKeys.tabOpen;
const idPattern = /^[A-Za-z0-9_-]{22,64}$/;
const entryKeyPattern = /^[\w.+#:/<>`,\[\]-]{1,300}$/;

/** 128 random bits, base64url: unguessable, and safe in a cache key. */
export function newTabId(crypto) {
  return base64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export function isTabId(value) {
  return typeof value === 'string' && idPattern.test(value);
}

export class TabStateStorage {
  /**
   * `topDocument`: whether this is the tab's top document. A frame of the app inside the page shares the
   * tab's storage and is no duplicate: it neither checks nor marks.
   */
  constructor(storage, crypto, { topDocument = true } = {}) {
    this.storage = storage;
    this.crypto = crypto;
    this.topDocument = topDocument;
    // This document's mark; a reload or a new document in the tab makes a new one.
    this.documentMark = newTabId(crypto);
  }

  /**
   * The tab's id and stored entries; a new id when there is none or it was tampered with. In a duplicated
   * tab (another document's mark is here) a new id too, and `forkedFrom` names the original's from then
   * on: the server opens state the copy still holds under the original's id and saves it again under the
   * new one, so the two tabs go on with their own state.
   * Entries beyond `budget` characters are not in the answer (`withheld` counts them): the server reads
   * them with `rest(budget)`.
   */
  open(budget) {
    let { record, error, created } = this.read();
    if (!record) {
      return { id: null, entries: {}, error, forkedFrom: null, withheld: 0 };
    }

    const mark = this.topDocument ? this.readMark() : null;
    if (mark !== null && mark !== this.documentMark) {
      const fork = { id: newTabId(this.crypto), entries: record.entries, forkedFrom: record.id };
      if (this.save(fork) === null) {
        record = fork;
      }
    }

    this.claim();
    const { inline, rest } = splitEntries(record.entries, budget);
    // `created`: the id was made just now, so nothing can be stored under it yet.
    return {
      id: record.id,
      entries: inline,
      error: null,
      forkedFrom: record.forkedFrom ?? null,
      withheld: Object.keys(rest).length,
      created: created === true,
    };
  }

  /**
   * The entries `open(budget)` left out, as UTF-8 JSON bytes: Blazor sends bytes a JS call returns to the
   * server as a stream, in chunks that fit its message limit.
   */
  rest(budget) {
    const { record } = this.read();
    const entries = record ? splitEntries(record.entries, budget).rest : {};
    return new TextEncoder().encode(JSON.stringify(entries));
  }

  /**
   * The cookie that hands this tab to the next document's prerender (see `handoffCookie`), named for this
   * document; null when the tab has no id.
   */
  handoff(path, secure) {
    const { record } = this.read();
    return record ? handoffCookie(record, this.documentMark, path, secure) : null;
  }

  /** Marks the tab as held open by this document (again after a back/forward cache restore). */
  claim() {
    if (!this.topDocument) {
      return;
    }
    try {
      this.storage.setItem(openKey, this.documentMark);
    } catch {
      // Without the mark a duplicate of this tab shares its id, as it would without the kit's check.
    }
  }

  /** This document is going away (a reload, a navigation): the next document in the tab is no duplicate. */
  leave() {
    if (!this.topDocument) {
      return;
    }
    try {
      if (this.readMark() === this.documentMark) {
        this.storage.removeItem(openKey);
      }
    } catch {
      // Nothing to undo.
    }
  }

  readMark() {
    try {
      return this.storage.getItem(openKey);
    } catch {
      return null;
    }
  }

  /**
   * Stores sealed entries ({ key: token }, a null token removes the entry). Returns null, or the reason
   * nothing was stored ('storage-unavailable', 'quota').
   */
  write(entries) {
    const { record, error } = this.read();
    if (!record) {
      return error;
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

    return this.save(record);
  }

  /** Forgets everything and starts the tab over with a new id. */
  reset() {
    const record = { id: newTabId(this.crypto), entries: {} };
    return this.save(record) === null ? record.id : null;
  }

  /**
   * `{ record }` (`created` when it was made just now), or `{ record: null, error }` with the reason there is none
   * ('storage-unavailable', 'quota').
   */
  read() {
    let raw;
    try {
      raw = this.storage.getItem(storageKey);
    } catch {
      return { record: null, error: 'storage-unavailable' };
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
      const record = isTabId(parsed.forkedFrom) ? { id: parsed.id, entries, forkedFrom: parsed.forkedFrom } : { id: parsed.id, entries };
      return { record, error: null };
    }

    // None yet, or tampered beyond use: this tab starts over.
    const record = { id: newTabId(this.crypto), entries: {} };
    const error = this.save(record);
    return error === null ? { record, error, created: true } : { record: null, error };
  }

  /** Stores the record: null, or why it could not ('quota' when the storage is full, else 'storage-unavailable'). */
  save(record) {
    try {
      this.storage.setItem(storageKey, JSON.stringify(record));
      return null;
    } catch (e) {
      return isQuotaError(e) ? 'quota' : 'storage-unavailable';
    }
  }
}

/**
 * Splits entries into those that fit in `budget` characters of JSON and the rest. Blazor refuses a message
 * from the browser over SignalR's limit (32 KB unless the app raised it), and one entry alone can be larger:
 * the answer to `open` carries what fits and the server streams the rest. No budget: all fit.
 */
export function splitEntries(entries, budget) {
  const limit = Number.isFinite(budget) && budget > 0 ? budget : Infinity;
  const inline = {};
  const rest = {};
  // The braces, then per entry its quoted key and token, a colon and a comma.
  let used = 2;
  for (const [key, token] of Object.entries(entries)) {
    const size = JSON.stringify(key).length + JSON.stringify(token).length + 2;
    if (used + size <= limit) {
      inline[key] = token;
      used += size;
    } else {
      rest[key] = token;
    }
  }
  return { inline, rest };
}

/** A full storage, as browsers report it (Firefox's older name and the legacy codes included). */
function isQuotaError(e) {
  return e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22 || e?.code === 1014;
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

// The reload after a crash: the page hands its tab to the next document's prerender in a cookie, so the first
// paint shows [TabState] already restored. The server reads it for one request and expires it in its answer.
export const handoffCookiePrefix = reloadHandoffCookiePrefix;
// A cookie's name and value must fit in 4096 bytes; base64url makes 4 characters of 3 bytes of JSON.
export const handoffJsonBudget = 2800;
// Long enough for the request the page makes right after setting it, short enough that an unused one is gone soon.
export const handoffMaxAgeSeconds = 30;

/**
 * `name=value; attributes` for `document.cookie`: the tab's id (its original's for a duplicated tab) and the sealed
 * entries that fit in `handoffJsonBudget` characters of JSON; the keys of those that do not are listed, so the
 * server knows their state exists. The entries are sealed by the server (encrypted, signed, bound to tab and user):
 * the cookie carries nothing the server cannot already check. Scoped to `path`, SameSite=Strict, Secure on https.
 */
export function handoffCookie(record, suffix, path, secure) {
  const base = { v: 1, id: record.id, ...(record.forkedFrom ? { forkedFrom: record.forkedFrom } : {}) };
  const all = { ...base, entries: record.entries };
  let content = all;
  if (JSON.stringify(all).length > handoffJsonBudget) {
    const keys = Object.keys(record.entries);
    const room = handoffJsonBudget - JSON.stringify({ ...base, entries: {}, withheld: keys }).length;
    const { inline, rest } = splitEntries(record.entries, room);
    const withheld = Object.keys(rest);
    // Too many keys even to name them: only the id goes, and every entry is left to the circuit.
    content = room > 2 ? { ...base, entries: inline, withheld } : { ...base, entries: {}, withheld: [] };
  }

  const value = base64Url(new TextEncoder().encode(JSON.stringify(content)));
  const attributes = [`Path=${path}`, `Max-Age=${handoffMaxAgeSeconds}`, 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  return `${handoffCookiePrefix}${suffix}=${value}; ${attributes.join('; ')}`;
}

function base64Url(bytes) {
  let text = '';
  for (const b of bytes) {
    text += String.fromCharCode(b);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
