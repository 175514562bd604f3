// A circuit resumed in place keeps the user's place: the scroll position and the focused field with its caret,
// also while the resumed page is still rendering and moving the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capturePosition, restorePosition } from '../../src/Blazor.LiveState/wwwroot/pagePosition.js';

/** A document and window with one named field, a scrollable window and timers the test runs. */
function page() {
  const listeners = [];
  const listen = target => ({
    addEventListener: (type, fn) => listeners.push({ target, type, fn }),
    removeEventListener: (type, fn) => {
      const at = listeners.findIndex(l => l.target === target && l.type === type && l.fn === fn);
      if (at >= 0) {
        listeners.splice(at, 1);
      }
    },
  });
  const fire = (target, type, event = {}) => listeners.filter(l => l.target === target && l.type === type).forEach(l => l.fn({ type, ...event }));
  const observers = new Set();
  const timers = [];

  const doc = { body: {}, activeElement: null, ...listen('document') };
  const field = () => {
    const element = {
      id: 'notes',
      isConnected: true,
      selectionStart: 3,
      selectionEnd: 3,
      selectionDirection: 'none',
      getAttribute: () => null,
      focus() {
        doc.activeElement = element;
      },
      setSelectionRange(start, end) {
        element.selectionStart = start;
        element.selectionEnd = end;
      },
      ...listen('field'),
    };
    return element;
  };
  let current = field();
  doc.querySelector = selector => (selector === '#notes' ? current : null);
  doc.activeElement = current;

  const win = {
    scrollX: 0,
    scrollY: 120,
    scrollTo({ left, top }) {
      win.scrollX = left;
      win.scrollY = top;
    },
    MutationObserver: class {
      constructor(callback) {
        this.callback = callback;
      }
      observe() {
        observers.add(this);
      }
      disconnect() {
        observers.delete(this);
      }
    },
    ...listen('window'),
  };

  return {
    doc,
    win,
    /** The field on the page now. */
    field: () => current,
    /** The resumed render replaces the field with a new element. */
    renderAnew: () => {
      current = field();
      doc.activeElement = doc.body;
      [...observers].forEach(o => o.callback([]));
    },
    /** A later batch of the resumed render moves the window (content grew, or appeared above). */
    layoutMoves: top => {
      win.scrollY = top;
      [...observers].forEach(o => o.callback([]));
      fire('window', 'scroll');
    },
    userScrolls: top => {
      fire('document', 'wheel', { isTrusted: true });
      win.scrollY = top;
      fire('window', 'scroll');
    },
    setTimer: (fn, ms) => {
      const timer = { fn, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: timer => {
      const at = timers.indexOf(timer);
      if (at >= 0) {
        timers.splice(at, 1);
      }
    },
    runTimers: () => timers.splice(0).forEach(t => t.fn()),
  };
}

test('The window moved by a later batch of the resumed render is put back at the user\'s place while the page settles', async () => {
  const p = page();
  const position = capturePosition(p.doc, p.win);
  const restoring = restorePosition(p.doc, p.win, position, { setTimer: p.setTimer, clearTimer: p.clearTimer });
  p.win.scrollY = 0;
  p.renderAnew();
  assert.equal(await restoring, true);
  assert.equal(p.win.scrollY, 120);

  p.layoutMoves(40);

  assert.equal(p.win.scrollY, 120);
  assert.equal(p.doc.activeElement.selectionStart, 3);
});

test('A scroll the user makes while the page settles is theirs', async () => {
  const p = page();
  const restoring = restorePosition(p.doc, p.win, capturePosition(p.doc, p.win), { setTimer: p.setTimer, clearTimer: p.clearTimer });
  p.renderAnew();
  await restoring;

  p.userScrolls(300);
  p.layoutMoves(310);

  assert.equal(p.win.scrollY, 310);
});

test('Once the page has settled, the window is the page\'s again', async () => {
  const p = page();
  const restoring = restorePosition(p.doc, p.win, capturePosition(p.doc, p.win), { setTimer: p.setTimer, clearTimer: p.clearTimer });
  p.renderAnew();
  await restoring;
  p.runTimers();

  p.layoutMoves(40);

  assert.equal(p.win.scrollY, 40);
});

test('With no field focused the scroll position is still held while the page settles', () => {
  const p = page();
  p.doc.activeElement = p.doc.body;
  restorePosition(p.doc, p.win, capturePosition(p.doc, p.win), { setTimer: p.setTimer, clearTimer: p.clearTimer });

  p.layoutMoves(0);

  assert.equal(p.win.scrollY, 120);
});

test('Typing on into the old field while the circuit resumes: the new field gets the caret where the old one had it when it left', async () => {
  const p = page();
  const position = capturePosition(p.doc, p.win);
  const old = p.field();
  // Eight keys at the end of the field after the position was taken, before the resumed render replaced it.
  old.selectionStart = 11;
  old.selectionEnd = 11;

  const restoring = restorePosition(p.doc, p.win, position, { setTimer: p.setTimer, clearTimer: p.clearTimer });
  p.renderAnew();

  assert.equal(await restoring, true);
  assert.notEqual(p.doc.activeElement, old);
  assert.deepEqual([p.doc.activeElement.selectionStart, p.doc.activeElement.selectionEnd], [11, 11]);
});
