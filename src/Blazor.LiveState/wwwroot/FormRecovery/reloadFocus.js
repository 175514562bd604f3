// The field the user was typing in when the kit reloads the page (after a crash): the next document focuses it again
// in its prerendered form as soon as the kit's script runs, so the keys they keep pressing go into that field (and
// are merged over the stored text when the form is restored) rather than to the page. Kept in sessionStorage for the
// one reload. Only a text field whose caret was at the end of its text: what is typed into the prerendered, empty
// field goes after the stored text. Pure apart from the storage and document it is given: tested with node.

import { attributeSelector, formAttributes, storageKeys } from '../constants.js';
import { stableSelector } from '../pagePosition.js';

export const reloadFocusKey = storageKeys.reloadFocus;

/** Remembers the focused field of a <FormRecovery /> form for the document that loads `path` next. */
export function rememberFocus(storage, doc, path) {
  const active = doc.activeElement;
  const form = active?.closest?.('form');
  if (!form?.querySelector?.(attributeSelector(formAttributes.marker)) || !caretAtEnd(active)) {
    return;
  }

  const selector = stableSelector(active);
  if (!selector) {
    return;
  }

  try {
    storage.setItem(reloadFocusKey, JSON.stringify({ path, selector }));
  } catch {
    // Storage full or blocked: the user clicks into the field again.
  }
}

/** The field to focus on this page (taken once), or null. */
export function takeFocus(storage, doc, path) {
  let carried = null;
  try {
    carried = JSON.parse(storage.getItem(reloadFocusKey) ?? 'null');
    storage.removeItem(reloadFocusKey);
  } catch {
    return null;
  }

  if (!carried || carried.path !== path || typeof carried.selector !== 'string') {
    return null;
  }

  try {
    return doc.querySelector(carried.selector);
  } catch {
    // A selector that no longer parses (tampered): nothing to focus.
    return null;
  }
}

function caretAtEnd(element) {
  try {
    return typeof element.selectionStart === 'number' && element.selectionStart === element.selectionEnd && element.selectionEnd === String(element.value ?? '').length;
  } catch {
    return false;
  }
}
