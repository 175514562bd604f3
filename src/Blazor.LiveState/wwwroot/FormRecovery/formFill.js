// Puts a form's stored values back: every field on the page shows its value at once, then the events that bring
// each value to the server go one field at a time (fieldTurns.js), and fields that appear later (a restored choice
// reveals them, a select's options load) are filled the moment the server renders them. The browser's timers and
// MutationObserver come in through `env`: tested with node.

import { FieldTurns } from './fieldTurns.js';
import { applies, readKey, setValue, showValue } from './fieldValues.js';
import { isRecoverable, isSetByUrl } from './snapshot.js';

/** A restore ends this long after the form last changed while fields are still missing: they will not appear. */
export const idleMs = 1_000;
/** A restore never takes longer than this, whatever the server does (a ticking clock in the form). */
export const restoreDeadlineMs = 8_000;

export class FormFill {
  /**
   * @param {HTMLFormElement} form the form to fill
   * @param {{ k: string, t: string, v: unknown }[]} entries the stored values, in the order they go back
   * @param {{ policy: object, touched: WeakSet<Element>, urlKeys: Set<string>, onPassEnd: () => void }} rules which
   *   fields may be stored (policy), the fields the user changed since the page loaded (never overwritten), the
   *   query keys of the current URL (a field the URL sets keeps the URL's value), and what to do after each pass
   *   (a submit held meanwhile may go)
   * @param {{ MutationObserver: typeof MutationObserver, setTimeout: typeof setTimeout,
   *   clearTimeout: typeof clearTimeout, roundTrip: () => Promise<void> }} env the browser's
   */
  constructor(form, entries, rules, env) {
    this.form = form;
    this.pending = new Map(entries.map(e => [e.k, e]));
    this.rules = rules;
    this.env = env;
    this.restored = 0;
    // Fields whose stored value is already on screen but not yet sent to the server (see showAll).
    this.shown = new WeakSet();
    this.turns = new FieldTurns(() => this.fillNext(), env.roundTrip);
    this.stopWatching = null;
  }

  /** Whether fields already on the page are still on their way to the server. */
  get filling() {
    return !!this.turns.pass;
  }

  /**
   * Fills the form. `afterShown` runs in the same task as the values first show (a key typed next goes into the
   * field, not to the page). Ends when nothing is left, when the form has been still for idleMs, or at the
   * deadline, and always after the fields already on the page are filled. Resolves with how many fields were
   * put back.
   */
  async run(afterShown = null) {
    this.showAll();
    afterShown?.();
    // A field a restored choice reveals (the server renders it once that choice reached it) shows its value in the
    // task that renders it, also while the first pass is still taking its turns.
    const revealed = new this.env.MutationObserver(() => this.showAll());
    revealed.observe(this.form, { childList: true, subtree: true });
    try {
      await this.fillPass();
    } finally {
      revealed.disconnect();
      // Changes the observer had not reported yet are dropped with it: look once more.
      this.showAll();
    }

    if (this.pending.size === 0 || this.turns.stopped) {
      return this.restored;
    }

    await this.fillAsFieldsAppear();
    return this.restored;
  }

  /** No more fields: the form is leaving the page. */
  stop() {
    this.turns.stop();
    this.stopWatching?.();
  }

  /**
   * Every field on the page shows its stored value at once, in the same task as the render that brought the form
   * (a reload, a resume in place): none is seen empty or at its default while the ones before it take their turn
   * with the server. The events that bring each value to the server still go one field at a time (fillNext).
   */
  showAll() {
    const { policy, touched, urlKeys } = this.rules;
    for (const element of this.form.elements) {
      const entry = isRecoverable(element, policy) ? this.pending.get(readKey(element)) : null;
      if (entry && !this.shown.has(element) && applies(element, entry) && !touched.has(element) && !isSetByUrl(element, urlKeys) && showValue(element, entry)) {
        this.shown.add(element);
      }
    }
  }

  /** Puts back the next field on the page; see FieldTurns for what it returns. */
  fillNext() {
    const { policy, touched, urlKeys } = this.rules;
    for (const element of this.form.elements) {
      if (!isRecoverable(element, policy)) {
        continue;
      }

      const entry = this.pending.get(readKey(element));
      if (!entry || !applies(element, entry)) {
        continue;
      }

      this.pending.delete(entry.k);
      // Checked at the field's turn: the user may have started typing while earlier fields were put back.
      if (touched.has(element) || isSetByUrl(element, urlKeys)) {
        continue;
      }

      this.restored++;
      return setValue(element, entry, this.shown.has(element));
    }

    return null;
  }

  /** Each pass ends with every field that was on the page put back: a submit held meanwhile can go now. */
  fillPass() {
    return this.turns.run().then(() => this.rules.onPassEnd());
  }

  /** Watches the form for the fields still missing, until none is left, the form is still for idleMs, or the deadline. */
  fillAsFieldsAppear() {
    const { MutationObserver, setTimeout, clearTimeout } = this.env;
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
        this.stopWatching = null;
        // Fields already on their way are put back before the outcome (and the snapshot saved after it).
        this.fillPass().finally(resolve);
      };
      const observer = new MutationObserver(() => {
        // A field a restored choice revealed shows its value in the task that rendered it.
        this.showAll();
        this.fillPass().then(() => {
          if (this.pending.size === 0) {
            finish();
          }
        });
        clearTimeout(idle);
        idle = setTimeout(finish, idleMs);
      });
      observer.observe(this.form, { childList: true, subtree: true, attributes: true, characterData: true });
      idle = setTimeout(finish, idleMs);
      deadline = setTimeout(finish, restoreDeadlineMs);
      this.stopWatching = finish;
    });
  }
}
