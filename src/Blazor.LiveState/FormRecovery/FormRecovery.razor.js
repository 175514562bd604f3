// <FormRecovery />'s browser side. Captures what the user types into sessionStorage (debounced, and
// at once when the connection drops, before a reload and on pagehide) without sending anything to
// the server, and puts it back after the next circuit is interactive through the same events the
// bindings listen to, pass after pass, so fields that only appear after a restored choice fill too.

import { isRecoverable, isSetByUrl, parseSnapshot, queryKeys, readField, serialize, storageKey } from './snapshot.js';

const maxPasses = 8;
// How long the DOM must stay still after a change before the next pass.
const quietMs = 15;
// How long a pass waits for a render that changes nothing it can see.
const idleMs = 1_000;
// A restore never takes longer than this, whatever the server does.
const restoreDeadlineMs = 8_000;

/**
 * Attaches to the form around `marker`. Returns a handle whose methods the component calls:
 * restore(), clear(), dispose().
 */
export function attach(marker, options) {
  const form = marker.closest('form');
  if (!form) {
    return { error: 'no-form', restore: async () => ({ restored: 0, rejected: 'no-form' }), clear() {}, dispose() {} };
  }

  const recoverable = new RecoverableForm(form, options);
  // Lets tests and tools see that capture is on.
  marker.setAttribute('data-livestate-attached', '');
  return recoverable;
}

class RecoverableForm {
  constructor(form, options) {
    this.form = form;
    this.options = options;
    this.key = storageKey(location.pathname, options.key || form.getAttribute('name') || form.id || 'form');
    this.submitAttempted = false;
    this.restoring = false;
    // Only a form the user has edited (or that was restored) is saved: a submitted or untouched form is
    // not brought back. The user may have typed before this module attached (the kit's initializer saw it),
    // or be typing into a focused field right now.
    this.dirty = form.contains(document.activeElement) || !!window.BlazorLiveState?.wasEdited?.(form);
    this.timer = null;
    this.warned = new Set();

    this.onEdit = event => {
      if (!this.restoring && event.isTrusted) {
        this.dirty = true;
        this.scheduleSave();
      }
    };
    this.onSubmit = () => {
      this.submitAttempted = true;
      this.saveNow();
    };
    this.onReset = () => this.clear();
    this.onSaveNow = () => this.saveNow();
    form.addEventListener('input', this.onEdit, true);
    form.addEventListener('change', this.onEdit, true);
    form.addEventListener('submit', this.onSubmit, true);
    form.addEventListener('reset', this.onReset);
    // Once more when the connection drops (typing goes on while the server is away), when the kit
    // is about to reload, and when the page goes away for any other reason.
    document.addEventListener('livestate:connectiondown', this.onSaveNow);
    document.addEventListener('livestate:save', this.onSaveNow);
    window.addEventListener('pagehide', this.onSaveNow);
  }

  scheduleSave() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), this.options.saveDelayMs);
  }

  saveNow() {
    clearTimeout(this.timer);
    if (!this.dirty) {
      return;
    }

    const fields = [];
    for (const element of this.form.elements) {
      if (isRecoverable(element)) {
        const entry = readField(element);
        if (entry) {
          fields.push(entry);
        }
      }
    }

    const result = serialize(fields, { build: this.options.build, now: Date.now(), submitAttempted: this.submitAttempted }, this.options.maxBytes);
    if (result.tooLarge) {
      this.warnOnce('too-large', `Blazor.LiveState: the snapshot of form '${this.key}' is ${result.tooLarge} characters, over the ${this.options.maxBytes} limit; it is not saved.`);
      return;
    }

    try {
      sessionStorage.setItem(this.key, result.json);
    } catch (error) {
      // Storage full or disabled (private mode, policy): the form keeps working, it just cannot be recovered.
      this.warnOnce('storage', `Blazor.LiveState: could not save form '${this.key}' (${error?.name ?? error}).`);
    }
  }

  /** Puts the stored values back. Returns what happened, for the server's log. */
  async restore() {
    let stored;
    try {
      stored = sessionStorage.getItem(this.key);
    } catch {
      return { restored: 0, rejected: 'storage-unavailable', submitAttempted: false, dropped: 0 };
    }

    if (stored === null) {
      // Keep whatever was typed between the page becoming interactive and this module attaching.
      this.saveNow();
      return { restored: 0, rejected: null, submitAttempted: false, dropped: 0 };
    }

    const parsed = parseSnapshot(stored, { now: Date.now(), ttlMs: this.options.timeToLiveMs, maxBytes: this.options.maxBytes });
    if (parsed.rejected) {
      this.removeStored();
      this.saveNow();
      return { restored: 0, rejected: parsed.rejected, submitAttempted: false, dropped: 0 };
    }

    this.restoring = true;
    this.dirty = true;
    try {
      const restored = await this.apply(parsed.snapshot.fields);
      this.submitAttempted = parsed.snapshot.submitAttempted;
      return { restored, rejected: null, submitAttempted: parsed.snapshot.submitAttempted, dropped: parsed.dropped };
    } finally {
      this.restoring = false;
      this.saveNow();
    }
  }

  async apply(entries) {
    const pending = new Map(entries.map(e => [e.k, e]));
    // A value the URL sets came back through [UrlState] already; an older typed value must not undo it.
    const urlKeys = queryKeys(location.search);
    const deadline = Date.now() + restoreDeadlineMs;
    let restored = 0;
    for (let pass = 0; pass < maxPasses && pending.size > 0 && Date.now() < deadline; pass++) {
      const rendered = waitForRender(this.form);
      let changedSomething = false;
      for (const element of [...this.form.elements]) {
        if (!isRecoverable(element)) {
          continue;
        }

        const entry = pending.get(readKey(element));
        if (!entry || !applies(element, entry)) {
          continue;
        }

        if (isSetByUrl(element, urlKeys)) {
          pending.delete(entry.k);
          continue;
        }

        pending.delete(entry.k);
        restored++;
        changedSomething = setValue(element, entry) || changedSomething;
      }

      if (pending.size === 0) {
        break;
      }

      // Let the server apply the events and render: a restored choice may reveal more fields. Go on while
      // either side changes the form; once neither did, the fields still pending will not appear.
      const mutated = await rendered;
      if (!changedSomething && !mutated) {
        break;
      }
    }

    return restored;
  }

  clear() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.submitAttempted = false;
    this.removeStored();
  }

  removeStored() {
    try {
      sessionStorage.removeItem(this.key);
    } catch {
      // Nothing stored where there is no storage.
    }
  }

  dispose() {
    // The form is leaving the page (navigation, a re-render without it): keep what was typed.
    if (this.timer) {
      this.saveNow();
    }
    this.form.removeEventListener('input', this.onEdit, true);
    this.form.removeEventListener('change', this.onEdit, true);
    this.form.removeEventListener('submit', this.onSubmit, true);
    this.form.removeEventListener('reset', this.onReset);
    document.removeEventListener('livestate:connectiondown', this.onSaveNow);
    document.removeEventListener('livestate:save', this.onSaveNow);
    window.removeEventListener('pagehide', this.onSaveNow);
  }

  warnOnce(kind, message) {
    if (!this.warned.has(kind)) {
      this.warned.add(kind);
      console.warn(message);
    }
  }
}

function readKey(element) {
  return readField(element)?.k ?? null;
}

function applies(element, entry) {
  const type = (element.type ?? '').toLowerCase();
  if (entry.t === 'r') {
    return type === 'radio' && element.value === entry.v;
  }
  if (entry.t === 'c') {
    return type === 'checkbox';
  }
  if (entry.t === 'm') {
    return element.tagName.toLowerCase() === 'select' && element.multiple;
  }
  if (element.tagName.toLowerCase() === 'select') {
    // Only a value the select offers; anything else would be silently turned into the first option.
    return [...element.options].some(o => o.value === entry.v);
  }
  return type !== 'radio' && type !== 'checkbox';
}

/** Sets the value and fires the events @bind listens to. Returns whether anything changed. */
function setValue(element, entry) {
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
        // The value property, never markup: a tampered snapshot cannot run script.
        element.value = entry.v;
        changed = true;
      }
  }

  if (changed) {
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return changed;
}

/**
 * Resolves when the form's DOM has been quiet for a moment after a change (true), or when nothing changed
 * within a generous time (false): on a busy server a render can take a while to arrive.
 */
function waitForRender(form) {
  return new Promise(resolve => {
    let quiet = null;
    let mutated = false;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(idle);
      clearTimeout(cap);
      resolve(mutated);
    };
    const observer = new MutationObserver(() => {
      mutated = true;
      clearTimeout(idle);
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    observer.observe(form, { childList: true, subtree: true, attributes: true, characterData: true });
    const idle = setTimeout(done, idleMs);
    // A form that keeps changing (a ticking clock in it) still ends the wait.
    const cap = setTimeout(done, 2 * idleMs);
  });
}
