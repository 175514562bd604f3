// What a form snapshot is: which fields go in (never passwords, secrets, files or hidden inputs), how a
// field is named (name, then id, then data-livestate-field; never its position), whose it is, and how a
// snapshot read back from sessionStorage is checked before anything is put back. Pure: tested with node.

import { attributeSelector, fieldAttributes, formPendingClass, storageKeys } from '../constants.js';
import { looksSensitive, sensitiveTerms } from './sensitive.js';

export const storagePrefix = storageKeys.formPrefix;
// The class (with aria-busy="true") of a prerendered form whose snapshot waits for the circuit: set by the inline
// script <FormRecovery /> prerenders (FormRecoveryPending.cs), removed when the restore has ended.
export const pendingClass = formPendingClass;
export const version = 1;
const maxKeyLength = 512;

const neverRecoveredTypes = new Set(['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']);
const builtInTerms = sensitiveTerms();

/** The sessionStorage key of one form on one page; sessionStorage itself is per origin and per tab. */
export function storageKey(pathname, formKey) {
  return `${storagePrefix}${pathname}#${formKey}`;
}

/**
 * Removes every stored form of this tab (on any page) for which `shouldForget({ owner, flow })` is true; a
 * stored value that is not a snapshot at all is passed as null. Returns how many were removed; a storage the
 * browser refuses holds nothing to remove.
 */
export function forgetStored(storage, shouldForget) {
  let removed = 0;
  try {
    const keys = [];
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const key = storage.key(i);
      if (key?.startsWith(storagePrefix)) {
        keys.push(key);
      }
    }

    for (const key of keys) {
      if (shouldForget(storedHeader(storage.getItem(key)))) {
        storage.removeItem(key);
        removed++;
      }
    }
  } catch {
    // Nothing to remove where storage cannot be read.
  }

  return removed;
}

/**
 * Forgets every stored form that names another owner. One that names none (an older version's, or altered) is left
 * to the form that finds it: it rejects it too (never restoring it), and logs why.
 */
export function forgetOtherOwners(storage, owner) {
  return forgetStored(storage, header => typeof header?.owner === 'string' && header.owner !== owner);
}

function storedHeader(json) {
  try {
    const data = JSON.parse(json);
    return data && typeof data === 'object' && !Array.isArray(data)
      ? { owner: typeof data.owner === 'string' ? data.owner : null, flow: typeof data.flow === 'string' ? data.flow : null }
      : null;
  } catch {
    return null;
  }
}

/**
 * Whether a form control's value may be stored. Never: passwords (by type, by autocomplete, or a field that
 * `policy.wasPassword` says has been a password on this page), fields whose name or autocomplete says they hold
 * a secret (see sensitive.js; `policy.terms` are the names looked for), files, hidden inputs (antiforgery
 * tokens), buttons, disabled controls, and anything inside or marked with data-livestate-ignore.
 */
export function isRecoverable(element, policy = {}) {
  const tag = element.tagName?.toLowerCase();
  if (tag !== 'input' && tag !== 'select' && tag !== 'textarea') {
    return false;
  }

  const type = (element.type ?? '').toLowerCase();
  if (tag === 'input' && neverRecoveredTypes.has(type)) {
    return false;
  }

  if (policy.wasPassword?.(element) || looksSensitive(element, policy.terms ?? builtInTerms)) {
    return false;
  }

  const ignored = element.closest?.(attributeSelector(fieldAttributes.ignore));
  if (ignored && ignored.getAttribute(fieldAttributes.ignore) !== 'false') {
    return false;
  }

  return !element.disabled;
}

/** A field's stable name: its name, else its id, else data-livestate-field. Null when it has none. */
export function fieldKey(element) {
  const name = element.getAttribute?.('name');
  if (name) {
    return `name:${name}`;
  }

  if (element.id) {
    return `id:${element.id}`;
  }

  const explicit = element.getAttribute?.(fieldAttributes.field);
  return explicit ? `field:${explicit}` : null;
}

/**
 * What the user changed in a prerendered form (a reloaded page, before its circuit is up and its stored values are
 * back): the recoverable fields whose value differs from what the server rendered, as snapshot entries. `intoEmpty`
 * marks text typed into a field that was rendered empty (its stored text was not on screen yet).
 */
export function prerenderEdits(form, policy = {}) {
  const edits = [];
  for (const element of form.elements) {
    if (!isRecoverable(element, policy) || !isEdited(element)) {
      continue;
    }

    const entry = readField(element);
    if (entry) {
      edits.push({ ...entry, intoEmpty: entry.t === 'v' && isText(element) && element.defaultValue === '' });
    }
  }

  return edits;
}

/**
 * The stored entries with the user's prerender edits put over them, never under: text typed into a field that
 * showed empty goes after the stored text (the user went on typing where they were); any other edit replaces the
 * stored value. Entries keep their stored order; an edit of a field with nothing stored comes last.
 */
export function mergeEdits(stored, edits) {
  const merged = new Map(stored.map(entry => [entry.k, entry]));
  for (const edit of edits) {
    const before = merged.get(edit.k);
    const v = edit.intoEmpty && before?.t === 'v' ? before.v + edit.v : edit.v;
    merged.set(edit.k, { k: edit.k, t: edit.t, v });
  }

  return [...merged.values()];
}

function isEdited(element) {
  const type = (element.type ?? '').toLowerCase();
  if (type === 'checkbox' || type === 'radio') {
    return element.checked !== element.defaultChecked;
  }

  if (element.tagName?.toLowerCase() === 'select') {
    const options = [...element.options];
    if (element.multiple) {
      return options.some(option => option.selected !== option.defaultSelected);
    }
    // A single select with no option marked selected shows its first one: that is no edit.
    const rendered = options.findLastIndex(option => option.defaultSelected);
    return element.selectedIndex !== (rendered >= 0 ? rendered : 0);
  }

  return element.value !== element.defaultValue;
}

const textTypes = new Set(['', 'text', 'search', 'email', 'url', 'tel']);

function isText(element) {
  return element.tagName?.toLowerCase() === 'textarea' || (element.tagName?.toLowerCase() === 'input' && textTypes.has((element.type ?? '').toLowerCase()));
}

/** Reads a control into a snapshot entry, or null when there is nothing to keep (an unchecked radio). */
export function readField(element) {
  const key = fieldKey(element);
  if (!key || key.length > maxKeyLength) {
    return null;
  }

  const type = (element.type ?? '').toLowerCase();
  if (type === 'radio') {
    return element.checked ? { k: key, t: 'r', v: String(element.value) } : null;
  }

  if (type === 'checkbox') {
    return { k: key, t: 'c', v: !!element.checked };
  }

  if (element.tagName?.toLowerCase() === 'select' && element.multiple) {
    return { k: key, t: 'm', v: [...element.options].filter(o => o.selected).map(o => String(o.value)) };
  }

  return { k: key, t: 'v', v: String(element.value ?? '') };
}

/**
 * Serializes a snapshot. `savedAt` is the time of the user's last edit (the time-to-live counts from it),
 * `owner` the server's tag for the user it belongs to, `flow` the group of forms it is cleared with. Returns
 * { json } or, past maxBytes (counted as UTF-16 code units, as storage quotas are), { tooLarge: size } and
 * nothing is stored.
 */
export function serialize(fields, { build, savedAt, submitAttempted, owner, flow }, maxBytes) {
  const json = JSON.stringify({ v: version, build: build ?? null, savedAt, owner: owner ?? null, flow: flow ?? null, submitAttempted: !!submitAttempted, fields });
  return json.length > maxBytes ? { tooLarge: json.length } : { json };
}

/**
 * Reads a stored snapshot back. Anything that does not look exactly like what serialize() wrote
 * (tampered, corrupt, from another version, too old, too large, another user's) is rejected with a reason,
 * never thrown; entries of the wrong shape are dropped one by one, and a snapshot with none of the right
 * shape is rejected whole.
 */
export function parseSnapshot(json, { now, ttlMs, maxBytes, owner = null }) {
  if (typeof json !== 'string' || json.length === 0) {
    return { rejected: 'empty' };
  }

  if (json.length > maxBytes) {
    return { rejected: 'too-large' };
  }

  let data;
  try {
    data = JSON.parse(json);
  } catch {
    return { rejected: 'invalid-json' };
  }

  if (!data || typeof data !== 'object' || Array.isArray(data) || data.v !== version || !Array.isArray(data.fields)) {
    return { rejected: 'wrong-shape' };
  }

  if (typeof data.savedAt !== 'number' || !Number.isFinite(data.savedAt) || data.savedAt > now + 60_000) {
    return { rejected: 'wrong-shape' };
  }

  if (now - data.savedAt > ttlMs) {
    return { rejected: 'expired' };
  }

  if ((typeof data.owner === 'string' ? data.owner : null) !== owner) {
    return { rejected: 'other-owner' };
  }

  const fields = data.fields.filter(isValidEntry);
  if (fields.length === 0 && data.fields.length > 0) {
    return { rejected: 'malformed-entries' };
  }

  return {
    snapshot: {
      build: typeof data.build === 'string' ? data.build : null,
      savedAt: data.savedAt,
      submitAttempted: data.submitAttempted === true,
      fields,
    },
    dropped: data.fields.length - fields.length,
  };
}

function isValidEntry(entry) {
  if (!entry || typeof entry !== 'object' || typeof entry.k !== 'string' || entry.k.length === 0 || entry.k.length > maxKeyLength) {
    return false;
  }

  switch (entry.t) {
    case 'v':
    case 'r':
      return typeof entry.v === 'string';
    case 'c':
      return typeof entry.v === 'boolean';
    case 'm':
      return Array.isArray(entry.v) && entry.v.every(x => typeof x === 'string');
    default:
      return false;
  }
}

/** The query keys a URL sets, lower-cased (Blazor and [UrlState] match keys case-insensitively). */
export function queryKeys(search) {
  const keys = new Set();
  for (const key of new URLSearchParams(search ?? '').keys()) {
    keys.add(key.toLowerCase());
  }
  return keys;
}

/**
 * Whether the page's URL already sets this field, so that a stored value must not overwrite it: the URL
 * ([UrlState]) wins. The field's query key is its data-livestate-url attribute, else its name.
 */
export function isSetByUrl(element, keys) {
  const key = element.getAttribute?.(fieldAttributes.url) || element.getAttribute?.('name');
  return !!key && keys.has(key.toLowerCase());
}
