// What this tab stored for the forms of one page, for the server to put into a form model before the component's
// first render ([FormRecoveryModel]). The same checks as a form's own restore (recoverableForm.js): only this
// owner's snapshots, not expired, not too large, and a field the URL sets is left to the URL. Only snapshots of the
// same build: a new build may have changed the form, and its fields go back through the form's events. A field the
// page shows now (the prerendered form of a reload, the paused page of a move) must take the value as the form's own
// restore would have it (a select only a value it offers); a field not on the page yet (one a restored choice will
// reveal) is the model's. Pure: tested with node.

import { applies } from './fieldValues.js';
import { isRecoverable, parseSnapshot, queryKeys, storageKey } from './snapshot.js';

// A multi-select ('m') has no single value to convert: it goes back through its events, as before.
const modelTypes = new Set(['v', 'r', 'c']);

/**
 * The stored fields of every form on `location.pathname` that `request` allows: { owner, ttlMs, maxBytes, build,
 * budget }, each with its form's key (`f`: what <FormRecovery /> names the form, by default its model's type), so
 * that a model takes only its own form's fields. Entries keep their stored order. The answer stays within `budget`
 * bytes of UTF-8 JSON (the server drops a connection whose message is over SignalR's limit): the fields past it are
 * left out, and go back through their events. Never throws: storage that cannot be read holds nothing.
 */
export function storedFields(storage, document, location, request, now) {
  const { owner, ttlMs, maxBytes, build, budget } = request ?? {};
  if (typeof owner !== 'string' || !owner || typeof build !== 'string' || ![ttlMs, maxBytes, budget].every(Number.isFinite)) {
    return [];
  }

  const fields = [];
  const urlKeys = queryKeys(location.search);
  try {
    const pagePrefix = storageKey(location.pathname, '');
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const key = storage.key(i);
      if (!key?.startsWith(pagePrefix)) {
        continue;
      }

      const parsed = parseSnapshot(storage.getItem(key), { now, ttlMs, maxBytes, owner });
      if (parsed.rejected || parsed.snapshot.build !== build) {
        continue;
      }

      const formKey = key.slice(pagePrefix.length);
      for (const entry of parsed.snapshot.fields) {
        if (modelTypes.has(entry.t) && !isSetByUrlKey(entry.k, urlKeys) && fitsThePage(document, entry)) {
          fields.push({ f: formKey, k: entry.k, t: entry.t, v: entry.v });
        }
      }
    }
  } catch {
    return [];
  }

  return withinBudget(fields, budget);
}

function withinBudget(fields, budget) {
  const encoder = new TextEncoder();
  // "[]" and a comma between entries.
  let size = 2;
  const kept = [];
  for (const field of fields) {
    size += encoder.encode(JSON.stringify(field)).length + (kept.length > 0 ? 1 : 0);
    if (size > budget) {
      break;
    }

    kept.push(field);
  }

  return kept;
}

// Whether the fields of the entry's name now on the page could take its value; true when none is.
function fitsThePage(document, entry) {
  if (!entry.k.startsWith('name:')) {
    return false;
  }

  const elements = [...(document?.getElementsByName?.(entry.k.slice('name:'.length)) ?? [])];
  if (elements.length === 0) {
    return true;
  }

  // A radio group's buttons share the name: one of them has the stored value.
  return elements.every(element => isRecoverable(element))
    && (entry.t === 'r' ? elements.some(element => applies(element, entry)) : elements.every(element => applies(element, entry)));
}

// The field a stored key names is set by the URL when its name is a query key of the page (the rule of isSetByUrl,
// from the stored key: the server has no element to read a data-livestate-url attribute from).
function isSetByUrlKey(key, urlKeys) {
  return key.startsWith('name:') && urlKeys.has(key.slice('name:'.length).toLowerCase());
}
