// A form, its fields and the browser around them as plain objects, for node tests of form recovery's modules
// (recoverableForm.js, formFill.js, fieldValues.js, prerenderTyping.js). The browser comes in through the
// environment object those modules take; in a real browser the Chromium E2E tests run the same code.
import { memoryStorage } from './fakeDom.mjs';

/** Something listeners attach to; `emit` calls them as the browser would with a user's (trusted) event. */
export function eventTarget(extra = {}) {
  const listeners = [];
  return {
    listeners,
    addEventListener: (type, fn, capture) => listeners.push({ type, fn, capture: !!capture }),
    removeEventListener: (type, fn, capture) => {
      const index = listeners.findIndex(l => l.type === type && l.fn === fn && l.capture === !!capture);
      if (index >= 0) {
        listeners.splice(index, 1);
      }
    },
    emit(type, event = {}) {
      for (const listener of listeners.filter(l => l.type === type)) {
        listener.fn({ type, isTrusted: true, ...event });
      }
    },
    ...extra,
  };
}

/**
 * A form control as the browser has it: a text input unless `tag`/`type` say otherwise. `events` records the
 * events dispatched on it (a restore's input and change).
 */
export function field({ tag = 'input', type = 'text', name, id = '', value = '', checked = false, options, defaultValue = '' }) {
  const attributes = name ? { name } : {};
  const control = {
    tagName: tag.toUpperCase(),
    type,
    id,
    value,
    defaultValue,
    checked,
    disabled: false,
    multiple: !!options,
    options: options ?? [],
    events: [],
    getAttribute: n => attributes[n] ?? null,
    closest: () => null,
    dispatchEvent(event) {
      control.events.push(event.type);
      return true;
    },
  };
  return control;
}

/** A form holding `elements` (a list the test may add to, as a render does). */
export function form(elements, { name = 'order' } = {}) {
  const classes = new Set();
  const attributes = { name };
  const target = eventTarget({
    elements,
    isConnected: true,
    submitted: [],
    getAttribute: n => attributes[n] ?? null,
    removeAttribute: n => delete attributes[n],
    setAttribute: (n, v) => {
      attributes[n] = v;
    },
    contains: element => elements.includes(element),
    classList: {
      add: c => classes.add(c),
      remove: c => classes.delete(c),
      contains: c => classes.has(c),
    },
    requestSubmit: submitter => target.submitted.push(submitter ?? null),
  });
  return target;
}

/** A hidden marker with the options the server renders, inside `owner` (the form). */
export function marker(owningForm, attributes = {}) {
  const all = { 'data-livestate-form-recovery': 'live', 'data-livestate-owner': 'anonymous', 'data-livestate-save-delay-ms': '250', ...attributes };
  return {
    getAttribute: n => all[n] ?? null,
    setAttribute: (n, v) => {
      all[n] = v;
    },
    hasAttribute: n => n in all,
    closest: selector => (selector === 'form' ? owningForm : null),
  };
}

/** A clock the test moves; timers run when it passes them. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: id => timers.delete(id),
    tick(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) {
          break;
        }
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    get pending() {
      return timers.size;
    },
  };
}

/**
 * The browser form recovery sees (environment.js's FormEnvironment), with fakes: a page at /checkout, this tab's
 * storage, a clock the test moves, MutationObservers the test triggers (`observers`), a server that answers every
 * round trip at once, and a console whose warnings the test reads.
 */
export function formEnvironment({ storage = memoryStorage(), search = '', kit = {}, clock = manualClock() } = {}) {
  const observers = [];
  const warnings = [];
  class FakeMutationObserver {
    constructor(callback) {
      this.callback = callback;
      this.connected = false;
      observers.push(this);
    }

    observe() {
      this.connected = true;
    }

    disconnect() {
      this.connected = false;
    }
  }
  return {
    observers,
    warnings,
    clock,
    document: eventTarget({ activeElement: null, body: null }),
    window: eventTarget({ scrollX: 0, scrollY: 0 }),
    storage,
    location: { pathname: '/checkout', search },
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    MutationObserver: FakeMutationObserver,
    roundTrip: () => Promise.resolve(),
    console: { warn: message => warnings.push(message) },
    kit: { wasEdited: () => false, wasPassword: () => false, takePrerendered: () => null, ...kit },
    /** Tells every connected observer that the form changed (a render), as the browser would after it. */
    render() {
      for (const observer of observers.filter(o => o.connected)) {
        observer.callback([]);
      }
    },
  };
}

/** Lets every promise callback queued so far run. */
export function settle() {
  return new Promise(resolve => setImmediate(resolve));
}
