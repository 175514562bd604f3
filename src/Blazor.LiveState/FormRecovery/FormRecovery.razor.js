// <FormRecovery />'s browser side. Captures what the user types into sessionStorage (debounced, and
// at once when the connection drops, before a reload and on pagehide) without sending anything to
// the server, and puts it back once the next circuit is interactive through the same events the
// bindings listen to, filling fields that only appear after a restored choice as soon as they appear.

// Served beside wwwroot/FormRecovery/ (both under _content/Blazor.LiveState/FormRecovery/), so the kit's constants
// are one folder up, as they are for the modules there.
import { events, formAttributes } from '../constants.js';
import { FieldTurns, serverRoundTrip } from './fieldTurns.js';
import { readOptions } from './options.js';
import { restorePosition, stableSelector } from '../Reconnect/pagePosition.js';
import { sensitiveEvent, sensitiveTerms } from './sensitive.js';
import { fieldKey, forgetOtherOwners, forgetStored, isRecoverable, isSetByUrl, mergeEdits, parseSnapshot, pendingClass, prerenderEdits, queryKeys, readField, serialize, storageKey } from './snapshot.js';

// A restore ends this long after the form last changed while fields are still missing: they will not appear.
const idleMs = 1_000;
// A restore never takes longer than this, whatever the server does (a ticking clock in the form).
const restoreDeadlineMs = 8_000;

/**
 * Attaches to the form around `marker` (the component's hidden span, which carries the options).
 * Returns a handle whose methods the component calls: restore(), clear(), dispose().
 */
export function attach(marker) {
  const form = marker.closest('form');
  const options = readOptions(marker);
  // Without the server's word on whose form this is, nothing is stored or restored: it could be anyone's.
  const refusal = !form ? 'no-form' : !options.owner ? 'no-owner' : null;
  if (refusal) {
    return { error: refusal, restore: async () => ({ restored: 0, rejected: refusal, submitAttempted: false, dropped: 0 }), clear() {}, dispose() {} };
  }

  const recoverable = new RecoverableForm(form, options);
  // Lets tests and tools see that capture is on.
  marker.setAttribute(formAttributes.attached, '');
  return recoverable;
}

class RecoverableForm {
  constructor(form, options) {
    this.form = form;
    this.options = options;
    this.key = formStorageKey(form, options);
    this.submitAttempted = false;
    this.restoration = null;
    this.stopRestoring = null;
    // Fields the user changed since the page loaded: a restore never overwrites them.
    this.touched = new WeakSet();
    // Only a form the user has edited (or that was restored) is saved: a submitted or untouched form is
    // not brought back. The user may have typed before this module attached (the kit's initializer saw it),
    // or be typing into a focused field right now.
    this.dirty = form.contains(document.activeElement) || !!window.BlazorLiveState?.wasEdited?.(form);
    // When the user last edited the form: the time-to-live counts from it, not from the last save (a restore
    // saves too, and must not make an old form new again).
    this.lastEditAt = this.dirty ? Date.now() : null;
    this.timer = null;
    this.warned = new Set();
    // Which fields hold secrets: the kit's initializer has watched for password fields since the page loaded.
    this.policy = {
      terms: sensitiveTerms(options.sensitiveNames),
      wasPassword: element => !!window.BlazorLiveState?.forms?.wasPassword?.(element),
    };

    this.onEdit = event => {
      // Only the user's own edits: the events a restore dispatches are not trusted.
      if (event.isTrusted) {
        this.touched.add(event.target);
        this.dirty = true;
        this.lastEditAt = Date.now();
        this.scheduleSave();
      }
    };
    this.onSensitive = event => this.forgetField(event.target);
    this.onSubmit = () => {
      this.submitAttempted = true;
      this.saveNow();
    };
    this.onReset = () => this.clear();
    this.onSaveNow = () => this.saveNow();
    // A submit while restored fields are still on their way to the server would reach it before them, with a
    // half-restored model: it waits for them. Blazor listens on the document, so a window listener in the
    // capture phase sees the submit first.
    this.turns = null;
    this.heldSubmit = null;
    this.onSubmitWhileFilling = event => {
      if (event.target === this.form && this.turns?.pass) {
        event.preventDefault();
        event.stopImmediatePropagation();
        this.heldSubmit = { submitter: event.submitter ?? null };
      }
    };
    window.addEventListener('submit', this.onSubmitWhileFilling, true);
    form.addEventListener('input', this.onEdit, true);
    form.addEventListener('change', this.onEdit, true);
    form.addEventListener('submit', this.onSubmit, true);
    form.addEventListener('reset', this.onReset);
    form.addEventListener(sensitiveEvent, this.onSensitive);
    // Once more when the connection drops (typing goes on while the server is away), when the kit
    // is about to reload, and when the page goes away for any other reason.
    document.addEventListener(events.connectionDown, this.onSaveNow);
    document.addEventListener(events.save, this.onSaveNow);
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
      if (isRecoverable(element, this.policy)) {
        const entry = readField(element);
        if (entry) {
          fields.push(entry);
        }
      }
    }

    const { build, owner, flow } = this.options;
    const result = serialize(fields, { build, savedAt: this.lastEditAt ?? Date.now(), submitAttempted: this.submitAttempted, owner, flow }, this.options.maxBytes);
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

  /**
   * Puts the stored values back. Returns what happened, for the server's log. The first call starts the
   * restore; later calls (the component asking after the browser already started it) get the same outcome.
   */
  restore() {
    this.restoration ??= this.runRestore().finally(() => endPending(this.form));
    return this.restoration;
  }

  async runRestore() {
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

    const parsed = parseSnapshot(stored, { now: Date.now(), ttlMs: this.options.timeToLiveMs, maxBytes: this.options.maxBytes, owner: this.options.owner });
    if (parsed.rejected === 'other-owner') {
      // Another user typed it (signed out, or their session ended): theirs go, on every page of the tab.
      forgetOtherOwners(sessionStorage, this.options.owner);
    }
    if (parsed.rejected) {
      this.removeStored();
      this.saveNow();
      return { restored: 0, rejected: parsed.rejected, submitAttempted: false, dropped: 0 };
    }

    this.dirty = true;
    // Restored, the form is as old as the edit that made it; an edit since (made while this ran) is newer.
    this.lastEditAt ??= parsed.snapshot.savedAt;
    // What the user typed into the prerendered form goes over the stored values, and the caret back where it was.
    const typed = this.typedBeforeRestore();
    const fields = typed ? mergeEdits(parsed.snapshot.fields, typed.edits) : parsed.snapshot.fields;
    this.afterShown = typed?.focus ? () => this.focusWhereTyping(typed.focus, fields) : null;
    try {
      const restored = await this.apply(fields);
      this.submitAttempted = parsed.snapshot.submitAttempted;
      return { restored, rejected: null, submitAttempted: parsed.snapshot.submitAttempted, dropped: parsed.dropped };
    } finally {
      this.saveNow();
    }
  }

  /**
   * The edits the user made to this form while it was prerendered (a reloaded page before its circuit was up), and
   * the field they were typing in with its caret; null when there was no such form. The circuit's render replaced
   * that form (or is this one): its elements still hold what was typed. Taken once.
   */
  typedBeforeRestore() {
    const prerendered = window.BlazorLiveState?.forms?.takePrerendered?.(marker => formStorageKey(marker.closest('form'), readOptions(marker)) === this.key);
    if (!prerendered) {
      return null;
    }

    const edits = prerenderEdits(prerendered.form, this.policy);
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
   * Focuses the field the user was typing in, with the caret where it was in what they typed, after the stored text;
   * focus that a script moves away right after (the app's FocusOnNavigate after the first render) is put back, as
   * after a resume in place.
   */
  focusWhereTyping(focus, fields) {
    const element = [...this.form.elements].find(e => fieldKey(e) === focus.key);
    const selector = element ? stableSelector(element) : null;
    if (!selector) {
      return;
    }

    const value = fields.find(f => f.k === focus.key)?.v;
    // Typed into the empty field, the caret was in the typed text: it moves by the stored text put before it.
    const caret = focus.caret === null ? null : focus.intoEmpty && typeof value === 'string' ? value.length - focus.typedLength + focus.caret : focus.caret;
    const selection = caret === null ? {} : { start: caret, end: caret, direction: 'none' };
    restorePosition(document, window, { scrollX: window.scrollX, scrollY: window.scrollY, focus: { selector, element: null, ...selection } });
  }

  /**
   * Sets every stored value whose field is on the page, one field at a time (see fieldTurns.js), then watches
   * the form: the server renders the values just put back, a restored choice may reveal a field or load a
   * select's options, and each such field is filled the moment it appears. Ends when nothing is left, when the
   * form has been still for idleMs, or at the deadline, and always after the fields already on the page are
   * filled. Resolves with how many fields were put back.
   */
  async apply(entries) {
    const pending = new Map(entries.map(e => [e.k, e]));
    // A value the URL sets came back through [UrlState] already; an older typed value must not undo it.
    const urlKeys = queryKeys(location.search);
    let restored = 0;
    // Fields whose stored value is already on screen but not yet sent to the server (see showAll).
    const shown = new WeakSet();
    // Every field on the page shows its stored value at once, in the same task as the render that brought the form
    // (a reload, a resume in place): none is seen empty or at its default while the ones before it take their turn
    // with the server. The events that bring each value to the server still go one field at a time (fillNext).
    const showAll = () => {
      for (const element of this.form.elements) {
        const entry = isRecoverable(element, this.policy) ? pending.get(readKey(element)) : null;
        if (entry && !shown.has(element) && applies(element, entry) && !this.touched.has(element) && !isSetByUrl(element, urlKeys) && showValue(element, entry)) {
          shown.add(element);
        }
      }
    };
    const fillNext = () => {
      for (const element of this.form.elements) {
        if (!isRecoverable(element, this.policy)) {
          continue;
        }

        const entry = pending.get(readKey(element));
        if (!entry || !applies(element, entry)) {
          continue;
        }

        pending.delete(entry.k);
        // Checked at the field's turn: the user may have started typing while earlier fields were put back.
        if (this.touched.has(element) || isSetByUrl(element, urlKeys)) {
          continue;
        }

        restored++;
        return setValue(element, entry, shown.has(element));
      }

      return null;
    };

    const turns = new FieldTurns(fillNext, () => serverRoundTrip());
    this.turns = turns;
    // Each pass ends with every field that was on the page put back: a submit held meanwhile can go now.
    const fill = () => turns.run().then(() => this.releaseHeldSubmit());
    this.stopRestoring = () => turns.stop();
    showAll();
    // In the same task as the values: a key typed next goes into the field, not to the page.
    this.afterShown?.();
    this.afterShown = null;
    // A field a restored choice reveals (the server renders it once that choice reached it) shows its value in the
    // task that renders it, also while the first pass is still taking its turns.
    const revealed = new MutationObserver(showAll);
    revealed.observe(this.form, { childList: true, subtree: true });
    try {
      await fill();
    } finally {
      revealed.disconnect();
      // Changes the observer had not reported yet are dropped with it: look once more.
      showAll();
    }

    if (pending.size === 0 || turns.stopped) {
      this.stopRestoring = null;
      return restored;
    }

    return new Promise(resolve => {
      let idle = null;
      let deadline = null;
      let finished = false;
      const finish = () => {
        if (finished) {
          return;
        }

        finished = true;
        observer.disconnect();
        clearTimeout(idle);
        clearTimeout(deadline);
        // Fields already on their way are put back before the outcome (and the snapshot saved after it).
        fill().finally(() => {
          this.stopRestoring = null;
          resolve(restored);
        });
      };
      const observer = new MutationObserver(() => {
        // A field a restored choice revealed shows its value in the task that rendered it.
        showAll();
        fill().then(() => {
          if (pending.size === 0) {
            finish();
          }
        });
        clearTimeout(idle);
        idle = setTimeout(finish, idleMs);
      });
      observer.observe(this.form, { childList: true, subtree: true, attributes: true, characterData: true });
      idle = setTimeout(finish, idleMs);
      deadline = setTimeout(finish, restoreDeadlineMs);
      this.stopRestoring = () => {
        turns.stop();
        finish();
      };
    });
  }

  /** Submits again what the user submitted while fields were being put back, with the same submit button. */
  releaseHeldSubmit() {
    const held = this.heldSubmit;
    if (!held || this.turns?.pass) {
      // Nothing held, or another pass started (a field appeared): its end releases it.
      return;
    }

    this.heldSubmit = null;
    if (this.form.isConnected) {
      this.form.requestSubmit(held.submitter?.isConnected && held.submitter.form === this.form ? held.submitter : undefined);
    }
  }

  /** Forgets the stored form, and with a flow every stored form of the flow, on any page of the tab. */
  clear() {
    clearTimeout(this.timer);
    this.dirty = false;
    this.lastEditAt = null;
    this.submitAttempted = false;
    this.removeStored();
    const flow = this.options.flow;
    if (flow) {
      forgetStored(sessionStorage, header => header?.flow === flow);
    }
  }

  /** A field turned out to hold a secret (it became a password field): its stored value goes at once. */
  forgetField(element) {
    const key = fieldKey(element);
    try {
      const data = JSON.parse(sessionStorage.getItem(this.key));
      if (key && Array.isArray(data?.fields) && data.fields.some(entry => entry?.k === key)) {
        data.fields = data.fields.filter(entry => entry?.k !== key);
        sessionStorage.setItem(this.key, JSON.stringify(data));
      }
    } catch {
      // Nothing stored, or nothing readable: then nothing of it can be restored either.
      this.removeStored();
    }
  }

  removeStored() {
    try {
      sessionStorage.removeItem(this.key);
    } catch {
      // Nothing stored where there is no storage.
    }
  }

  dispose() {
    this.stopRestoring?.();
    // The form is leaving the page (navigation, a re-render without it): keep what was typed.
    if (this.timer) {
      this.saveNow();
    }
    this.form.removeEventListener('input', this.onEdit, true);
    this.form.removeEventListener('change', this.onEdit, true);
    this.form.removeEventListener('submit', this.onSubmit, true);
    this.form.removeEventListener('reset', this.onReset);
    this.form.removeEventListener(sensitiveEvent, this.onSensitive);
    document.removeEventListener(events.connectionDown, this.onSaveNow);
    document.removeEventListener(events.save, this.onSaveNow);
    window.removeEventListener('pagehide', this.onSaveNow);
    window.removeEventListener('submit', this.onSubmitWhileFilling, true);
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

/**
 * Puts the stored value on screen, without events: the property, never markup (a tampered snapshot cannot run
 * script). Returns whether the field showed something else before.
 */
function showValue(element, entry) {
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
function setValue(element, entry, alreadyShown = false) {
  const changed = showValue(element, entry) || alreadyShown;
  if (changed) {
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }

  return changed;
}

/** The form's restore has ended: it is no longer pending (a prerendered form the circuit did not replace). */
function endPending(form) {
  if (form.classList.contains(pendingClass)) {
    form.classList.remove(pendingClass);
    form.removeAttribute('aria-busy');
  }
}

/** The sessionStorage key of `form` (on this page), as its <FormRecovery /> options name it. */
function formStorageKey(form, options) {
  return storageKey(location.pathname, options.key || form?.getAttribute('name') || form?.id || 'form');
}
