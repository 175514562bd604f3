// What the user typed into a form while it was prerendered (a reloaded page before its circuit is up), and where
// their caret goes once the restore has put the stored values back: the typing goes over the stored values, and
// the caret back where it was in what they typed. The document comes in as a parameter: tested with node.

import { attributeSelector, formAttributes, formMarkerStates } from '../constants.js';
import { restorePosition, stableSelector } from '../pagePosition.js';
import { takeFocus } from './reloadFocus.js';
import { fieldKey, prerenderEdits } from './snapshot.js';

/**
 * Keeps the <FormRecovery /> forms of `doc` as prerendered (a reloaded page, before its circuit is up): the user may
 * type into them, and the circuit's render replaces them. Their elements keep what was typed; this keeps them and
 * the field last focused in them, for the restore to put over the stored values. The field the user was typing in
 * when the kit reloaded the page (reloadFocus.js) is focused again at once: the keys they go on pressing go into
 * it. Returns `take(matches)`: the prerendered form whose marker `matches`, taken once (its edits go to one restore).
 */
export function keepPrerenderedForms(doc, storage, pathname) {
  const prerendered = [...doc.querySelectorAll(attributeSelector(formAttributes.marker, formMarkerStates.static))]
    .map(marker => ({ marker, form: marker.closest('form'), focused: null }))
    .filter(p => p.form);
  if (prerendered.length > 0) {
    doc.addEventListener('focusin', event => {
      for (const form of prerendered) {
        form.focused = form.form.contains(event.target) ? event.target : null;
      }
    }, true);
    const carried = takeFocus(storage, doc, pathname);
    if (carried && (!doc.activeElement || doc.activeElement === doc.body) && prerendered.some(p => p.form.contains(carried))) {
      carried.focus({ preventScroll: true });
    }
    // A field focused before this ran (the page's own autofocus, or the user quicker than the script).
    for (const form of prerendered) {
      if (form.form.contains(doc.activeElement)) {
        form.focused = doc.activeElement;
      }
    }
  }

  return matches => {
    const index = prerendered.findIndex(p => matches(p.marker));
    return index < 0 ? null : prerendered.splice(index, 1)[0];
  };
}

/**
 * The edits the user made to `prerendered.form` and the field they were typing in with its caret, or null when
 * there were none. `prerendered` is the initializer's record of a prerendered form (its elements still hold what
 * was typed) and the field last focused in it; `policy` says which fields may be stored.
 */
export function typedBeforeRestore(prerendered, policy) {
  if (!prerendered) {
    return null;
  }

  const edits = prerenderEdits(prerendered.form, policy);
  const active = prerendered.focused;
  const key = active && prerendered.form.contains(active) ? fieldKey(active) : null;
  const edit = key ? edits.find(e => e.k === key) : null;
  let focus = null;
  if (key) {
    let caret = null;
    try {
      caret = typeof active.selectionStart === 'number' ? active.selectionStart : null;
    } catch {
      // Inputs of some types (number, date) have no selection and throw when asked.
    }
    focus = { key, caret, intoEmpty: !!edit?.intoEmpty, typedLength: String(active.value ?? '').length };
  }

  return edits.length > 0 || focus ? { edits, focus } : null;
}

/**
 * Where the caret goes in `value` (the field's restored value): typed into the empty field, the caret was in the
 * typed text and moves by the stored text put before it; otherwise it stays. Null when the field had no caret.
 */
export function caretAfterRestore(focus, value) {
  if (focus.caret === null) {
    return null;
  }

  return focus.intoEmpty && typeof value === 'string' ? value.length - focus.typedLength + focus.caret : focus.caret;
}

/**
 * Focuses the field of `form` the user was typing in, with the caret where it was in what they typed, after the
 * stored text; focus that a script moves away right after (the app's FocusOnNavigate after the first render) is
 * put back, as after a resume in place.
 */
export function focusWhereTyping(form, focus, fields, doc, win) {
  const element = [...form.elements].find(e => fieldKey(e) === focus.key);
  const selector = element ? stableSelector(element) : null;
  if (!selector) {
    return;
  }

  const caret = caretAfterRestore(focus, fields.find(f => f.k === focus.key)?.v);
  const selection = caret === null ? {} : { start: caret, end: caret, direction: 'none' };
  restorePosition(doc, win, { scrollX: win.scrollX, scrollY: win.scrollY, focus: { selector, element: null, ...selection } });
}
