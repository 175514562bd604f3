// One <FormRecovery /> form in the browser. Captures what the user types into sessionStorage (debounced, and at
// once when the connection drops, before a reload and on pagehide) without sending anything to the server, and
// puts it back once the circuit is interactive (formFill.js), with what was typed into the prerendered form on
// top (prerenderTyping.js). The browser comes in through `env` (environment.js): tested with node.

import { events, formAttributes } from '../constants.js';
import { FormFill } from './formFill.js';
import { readOptions } from './options.js';
import { focusWhereTyping, typedBeforeRestore } from './prerenderTyping.js';
import { sensitiveEvent, sensitiveTerms } from './sensitive.js';
import { fieldKey, forgetOtherOwners, forgetStored, isRecoverable, mergeEdits, parseSnapshot, pendingClass, queryKeys, readField, serialize, storageKey } from './snapshot.js';

/**
 * Attaches to the form around `marker` (the component's hidden marker, which carries the options). Returns the
 * form's handle: restore() (liveForms.js calls it), outcome(), clear() and dispose() (the server calls them).
 * Without a form, or without the server's word on whose form it is, the handle stores and restores nothing: the
 * form could be anyone's.
 */
export function attach(marker, env) {
  const form = marker.closest('form');
  const options = readOptions(marker);
  const refusal = !form ? 'no-form' : !options.owner ? 'no-owner' : null;
  if (refusal) {
    const refused = async () => restoreOutcome({ rejected: refusal });
    return { error: refusal, restore: refused, outcome: refused, clear() {}, dispose() {} };
  }

  const recoverable = new RecoverableForm(form, options, env);
  // Lets tests and tools see that capture is on.
  marker.setAttribute(formAttributes.attached, '');
  return recoverable;
}

/** The sessionStorage key of `form` on the page at `pathname`, as its <FormRecovery /> options name it. */
export function formStorageKey(pathname, form, options) {
  return storageKey(pathname, options.key || form?.getAttribute('name') || form?.id || 'form');
}

/** What a restore did, for the server's log and OnRestored. */
function restoreOutcome({ restored = 0, rejected = null, submitAttempted = false, dropped = 0 } = {}) {
  return { restored, rejected, submitAttempted, dropped };
}

export class RecoverableForm {
  constructor(form, options, env) {
    this.form = form;
    this.options = options;
    this.env = env;
    this.key = formStorageKey(env.location.pathname, form, options);
    this.submitAttempted = false;
    this.restoration = null;
    this.fill = null;
    this.heldSubmit = null;
    // Fields the user changed since the page loaded: a restore never overwrites them.
    this.touched = new WeakSet();
    // Only a form the user has edited (or that was restored) is saved: a submitted or untouched form is not
    // brought back. The user may have typed before this form attached (the kit's initializer saw it), or be
    // typing into a focused field right now.
    this.dirty = form.contains(env.document.activeElement) || env.kit.wasEdited(form);
    // When the user last edited the form: the time-to-live counts from it, not from the last save (a restore
    // saves too, and must not make an old form new again).
    this.lastEditAt = this.dirty ? env.now() : null;
    this.timer = null;
    this.disposed = false;
    this.warned = new Set();
    // Which fields hold secrets: the kit's initializer has watched for password fields since the page loaded.
    this.policy = { terms: sensitiveTerms(options.sensitiveNames), wasPassword: element => env.kit.wasPassword(element) };
    this.listen();
  }

  listen() {
    const { document, window } = this.env;
    this.onEdit = event => {
      // Only the user's own edits: the events a restore dispatches are not trusted.
      if (event.isTrusted) {
        this.touched.add(event.target);
        this.dirty = true;
        this.lastEditAt = this.env.now();
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
    this.onSubmitWhileFilling = event => {
      if (event.target === this.form && this.fill?.filling) {
        event.preventDefault();
        event.stopImmediatePropagation();
        this.heldSubmit = { submitter: event.submitter ?? null };
      }
    };
    window.addEventListener('submit', this.onSubmitWhileFilling, true);
    this.form.addEventListener('input', this.onEdit, true);
    this.form.addEventListener('change', this.onEdit, true);
    this.form.addEventListener('submit', this.onSubmit, true);
    this.form.addEventListener('reset', this.onReset);
    this.form.addEventListener(sensitiveEvent, this.onSensitive);
    // Once more when the connection drops (typing goes on while the server is away), when the kit is about to
    // reload, and when the page goes away for any other reason.
    document.addEventListener(events.connectionDown, this.onSaveNow);
    document.addEventListener(events.save, this.onSaveNow);
    window.addEventListener('pagehide', this.onSaveNow);
  }

  scheduleSave() {
    this.env.clearTimeout(this.timer);
    this.timer = this.env.setTimeout(() => this.saveNow(), this.options.saveDelayMs);
  }

  saveNow() {
    this.env.clearTimeout(this.timer);
    if (!this.dirty) {
      return;
    }

    const fields = [];
    for (const element of this.form.elements) {
      const entry = isRecoverable(element, this.policy) ? readField(element) : null;
      if (entry) {
        fields.push(entry);
      }
    }

    const { build, owner, flow, maxBytes } = this.options;
    const result = serialize(fields, { build, savedAt: this.lastEditAt ?? this.env.now(), submitAttempted: this.submitAttempted, owner, flow }, maxBytes);
    if (result.tooLarge) {
      this.warnOnce('too-large', `Blazor.LiveState: the snapshot of form '${this.key}' is ${result.tooLarge} characters, over the ${maxBytes} limit; it is not saved.`);
      return;
    }

    try {
      this.env.storage.setItem(this.key, result.json);
    } catch (error) {
      // Storage full or disabled (private mode, policy): the form keeps working, it just cannot be recovered.
      this.warnOnce('storage', `Blazor.LiveState: could not save form '${this.key}' (${error?.name ?? error}).`);
    }
  }

  /**
   * Puts the stored values back. Resolves with what happened, for the server's log. The first call starts the
   * restore; later calls get the same outcome.
   */
  restore() {
    this.restoration ??= this.runRestore().finally(() => this.endPending());
    return this.restoration;
  }

  /** What the restore did, for the server: it started when the marker went live (liveForms.js). */
  outcome() {
    return this.restoration ?? Promise.resolve(restoreOutcome({ rejected: 'not-live' }));
  }

  async runRestore() {
    const { storage } = this.env;
    let stored;
    try {
      stored = storage.getItem(this.key);
    } catch {
      return restoreOutcome({ rejected: 'storage-unavailable' });
    }

    if (stored === null) {
      // Keep whatever was typed between the page becoming interactive and this form attaching.
      this.saveNow();
      return restoreOutcome();
    }

    const { timeToLiveMs: ttlMs, maxBytes, owner } = this.options;
    const parsed = parseSnapshot(stored, { now: this.env.now(), ttlMs, maxBytes, owner });
    if (parsed.rejected === 'other-owner') {
      // Another user typed it (signed out, or their session ended): theirs go, on every page of the tab.
      forgetOtherOwners(storage, owner);
    }
    if (parsed.rejected) {
      this.removeStored();
      this.saveNow();
      return restoreOutcome({ rejected: parsed.rejected });
    }

    this.dirty = true;
    // Restored, the form is as old as the edit that made it; an edit since (made while this ran) is newer.
    this.lastEditAt ??= parsed.snapshot.savedAt;
    // What the user typed into the prerendered form goes over the stored values, and the caret back where it was.
    const typed = typedBeforeRestore(this.takePrerendered(), this.policy);
    const fields = typed ? mergeEdits(parsed.snapshot.fields, typed.edits) : parsed.snapshot.fields;
    const refocus = typed?.focus ? () => focusWhereTyping(this.form, typed.focus, fields, this.env.document, this.env.window) : null;
    try {
      const restored = await this.fillWith(fields, refocus);
      this.submitAttempted = parsed.snapshot.submitAttempted;
      return restoreOutcome({ restored, submitAttempted: parsed.snapshot.submitAttempted, dropped: parsed.dropped });
    } finally {
      this.saveNow();
    }
  }

  /**
   * The prerendered form this form replaced (or is): the initializer kept it, with what was typed into it and the
   * field last focused in it. Taken once: its edits go to one restore.
   */
  takePrerendered() {
    const { pathname } = this.env.location;
    return this.env.kit.takePrerendered(marker => formStorageKey(pathname, marker.closest('form'), readOptions(marker)) === this.key);
  }

  async fillWith(fields, afterShown) {
    // A value the URL sets came back through [UrlState] already; an older typed value must not undo it.
    const rules = { policy: this.policy, touched: this.touched, urlKeys: queryKeys(this.env.location.search), onPassEnd: () => this.releaseHeldSubmit() };
    this.fill = new FormFill(this.form, fields, rules, this.env);
    return this.fill.run(afterShown);
  }

  /** Submits again what the user submitted while fields were being put back, with the same submit button. */
  releaseHeldSubmit() {
    const held = this.heldSubmit;
    if (!held || this.fill?.filling) {
      // Nothing held, or another pass started (a field appeared): its end releases it.
      return;
    }

    this.heldSubmit = null;
    if (this.form.isConnected) {
      this.form.requestSubmit(held.submitter?.isConnected && held.submitter.form === this.form ? held.submitter : undefined);
    }
  }

  /** The form's restore has ended: it is no longer pending (a prerendered form the circuit did not replace). */
  endPending() {
    if (this.form.classList.contains(pendingClass)) {
      this.form.classList.remove(pendingClass);
      this.form.removeAttribute('aria-busy');
    }
  }

  /** Forgets the stored form, and with a flow every stored form of the flow, on any page of the tab. */
  clear() {
    this.env.clearTimeout(this.timer);
    this.dirty = false;
    this.lastEditAt = null;
    this.submitAttempted = false;
    this.removeStored();
    const flow = this.options.flow;
    if (flow) {
      forgetStored(this.env.storage, header => header?.flow === flow);
    }
  }

  /** A field turned out to hold a secret (it became a password field): its stored value goes at once. */
  forgetField(element) {
    const { storage } = this.env;
    const key = fieldKey(element);
    try {
      const data = JSON.parse(storage.getItem(this.key));
      if (key && Array.isArray(data?.fields) && data.fields.some(entry => entry?.k === key)) {
        data.fields = data.fields.filter(entry => entry?.k !== key);
        storage.setItem(this.key, JSON.stringify(data));
      }
    } catch {
      // Nothing stored, or nothing readable: then nothing of it can be restored either.
      this.removeStored();
    }
  }

  removeStored() {
    try {
      this.env.storage.removeItem(this.key);
    } catch {
      // Nothing stored where there is no storage.
    }
  }

  /** Stops listening, saving an edit still waiting for its save. Once: the page and the server may both ask. */
  dispose() {
    if (this.disposed) {
      return;
    }

    this.disposed = true;
    const { document, window } = this.env;
    this.fill?.stop();
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
      this.env.console.warn(message);
    }
  }
}
