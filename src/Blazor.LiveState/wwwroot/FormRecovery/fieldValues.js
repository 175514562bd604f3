// Putting one stored value back into one field: whether the field can take it, showing it, and firing the events
// @bind listens to. Works on the element alone (no globals but the Event constructor): tested with node.

import { readField } from './snapshot.js';

/** The stored entry's key for `element`, or null when it has none. */
export function readKey(element) {
  return readField(element)?.k ?? null;
}

/**
 * Whether `element` can take the stored `entry`: a radio only its own value, a select only a value it offers
 * (anything else would be silently turned into its first option), a text field no checkbox's state.
 */
export function applies(element, entry) {
  const type = (element.type ?? '').toLowerCase();
  const tag = element.tagName.toLowerCase();
  switch (entry.t) {
    case 'r':
      return type === 'radio' && element.value === entry.v;
    case 'c':
      return type === 'checkbox';
    case 'm':
      return tag === 'select' && element.multiple;
    default:
      return tag === 'select' ? [...element.options].some(o => o.value === entry.v) : type !== 'radio' && type !== 'checkbox';
  }
}

/**
 * Puts the stored value on screen, without events: the property, never markup (a tampered snapshot cannot run
 * script). Returns whether the field showed something else before.
 */
export function showValue(element, entry) {
  let changed = false;
  switch (entry.t) {
    case 'r':
    case 'c': {
      const checked = entry.t === 'r' ? true : entry.v;
      if (element.checked !== checked) {
        element.checked = checked;
        changed = true;
      }
      break;
    }
    case 'm':
      for (const option of element.options) {
        const selected = entry.v.includes(option.value);
        changed = changed || option.selected !== selected;
        option.selected = selected;
      }
      break;
    default:
      if (element.value !== entry.v) {
        element.value = entry.v;
        changed = true;
      }
  }

  return changed;
}

/**
 * Sets the value and fires the events @bind listens to, when it differs from what the field shows or when it was
 * only shown so far (`alreadyShown`): the server has not had it yet. Returns whether it fired them.
 */
export function setValue(element, entry, alreadyShown = false) {
  const changed = showValue(element, entry) || alreadyShown;
  if (changed) {
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }

  return changed;
}
