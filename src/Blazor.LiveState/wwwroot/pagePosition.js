// Where the user is on the page: the window's scroll position and the focused field with its caret. A
// circuit resumed in place renders its components anew, which replaces their elements: the focused one is
// gone and the browser moves focus to <body>. Taken just before the resume and put back once the new
// elements are there, the user keeps typing where they were.

import { attributeSelector, fieldAttributes } from './constants.js';

/** How long to wait for the resumed render to bring the focused field back. */
export const restoreWithinMs = 3_000;

/**
 * The scroll position and the focused form field, by a name that survives a re-render (its id, else its
 * name inside its form, else its data-livestate-field), with its selection.
 */
export function capturePosition(doc, win) {
  const active = doc.activeElement;
  const selector = active && active !== doc.body ? stableSelector(active) : null;
  return {
    scrollX: win.scrollX,
    scrollY: win.scrollY,
    focus: selector ? { selector, element: active, ...selectionOf(active) } : null,
  };
}

/**
 * Puts `position` back once the resumed render has replaced the focused element (a new element matches its
 * selector), or at once when nothing was focused. For `guardMs` after that, focus that moves away by script (an
 * app's FocusOnNavigate focusing its heading after the first render) is put back too; focus the user moves (a
 * click, Tab) is theirs. Resolves with whether the focused field came back (true when there was none).
 */
export function restorePosition(doc, win, position, { withinMs = restoreWithinMs, guardMs = 1_500, setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let userMoved = false;
  let userScrolled = false;
  const onUser = event => {
    if (!event.isTrusted) {
      return;
    }
    // Any key may scroll (space, arrows, typing that moves the caret out of view); only Tab moves the focus.
    userScrolled = true;
    if (event.type !== 'keydown' || event.key === 'Tab') {
      userMoved = true;
    }
  };
  const userEvents = ['pointerdown', 'keydown', 'touchstart', 'wheel'];
  userEvents.forEach(type => doc.addEventListener(type, onUser, true));
  const stopListening = () => userEvents.forEach(type => doc.removeEventListener(type, onUser, true));

  // The resumed render lands in more than one batch (components that load their state render later), and content
  // that grows, or appears above the user's place, moves the window (the page was too short to hold the position,
  // or the browser's scroll anchoring shifted it). Until the page settles, the user's place is put back each time,
  // unless the user scrolled.
  const holdScroll = () => {
    const keep = () => {
      if (!userScrolled) {
        restoreScroll(win, position);
      }
    };
    const observer = win.MutationObserver ? new win.MutationObserver(keep) : null;
    observer?.observe(doc, { childList: true, subtree: true });
    win.addEventListener?.('scroll', keep, { passive: true });
    setTimer(() => {
      observer?.disconnect();
      win.removeEventListener?.('scroll', keep);
    }, guardMs);
  };

  const focusField = element => {
    if (!userMoved && doc.activeElement !== element) {
      element.focus({ preventScroll: true });
      restoreSelection(element, position.focus);
    }
  };

  const attempt = () => {
    if (!position.focus) {
      restoreScroll(win, position);
      holdScroll();
      return true;
    }

    const element = doc.querySelector(position.focus.selector);
    if (!element || element === position.focus.element) {
      // Not rendered anew yet.
      return false;
    }

    // The user may have typed on into the old field while the circuit resumed (<FormRecovery /> carries that text
    // over): the caret goes where it was when the old field left the page, not where it was at the capture.
    position.focus = { ...position.focus, ...selectionOf(position.focus.element) };
    focusField(element);
    restoreScroll(win, position);
    holdScroll();
    guard(element);
    return true;
  };

  const guard = element => {
    // Focus a script takes away is given back with the caret where the user had it then, not where it was before
    // they typed on.
    const onFocusOut = () => {
      position.focus = { ...position.focus, ...selectionOf(element) };
    };
    const onFocusIn = () => {
      if (element.isConnected && doc.activeElement !== element) {
        focusField(element);
      }
    };
    // <FormRecovery /> puts the field's typed value back after this (setting a value moves the caret to its end):
    // the caret goes back where the user left it.
    const onRestoredValue = event => {
      if (!event.isTrusted && !userMoved && doc.activeElement === element) {
        restoreSelection(element, position.focus);
      }
    };
    doc.addEventListener('focusin', onFocusIn, true);
    element.addEventListener('focusout', onFocusOut);
    element.addEventListener('input', onRestoredValue);
    setTimer(() => {
      doc.removeEventListener('focusin', onFocusIn, true);
      element.removeEventListener('focusout', onFocusOut);
      element.removeEventListener('input', onRestoredValue);
      stopListening();
    }, guardMs);
  };

  if (attempt()) {
    if (!position.focus) {
      setTimer(stopListening, guardMs);
    }
    return Promise.resolve(true);
  }

  return new Promise(resolve => {
    let timer = null;
    const observer = new win.MutationObserver(() => {
      if (attempt()) {
        observer.disconnect();
        clearTimer(timer);
        resolve(true);
      }
    });
    observer.observe(doc, { childList: true, subtree: true });
    timer = setTimer(() => {
      observer.disconnect();
      // The field did not come back (the new build renders another page): the scroll position still does.
      restoreScroll(win, position);
      holdScroll();
      setTimer(stopListening, guardMs);
      resolve(false);
    }, withinMs);
  });
}

/** A selector that finds the same field after a re-render, or null when the element has no stable name. */
export function stableSelector(element) {
  if (element.id) {
    return `#${cssEscape(element.id)}`;
  }

  const name = element.getAttribute?.('name');
  if (name) {
    const form = element.form ?? element.closest?.('form');
    const formPart = form?.id ? `#${cssEscape(form.id)} ` : form?.getAttribute?.('name') ? `form[name="${cssEscape(form.getAttribute('name'))}"] ` : '';
    return `${formPart}[name="${cssEscape(name)}"]`;
  }

  const field = element.getAttribute?.(fieldAttributes.field);
  return field ? attributeSelector(fieldAttributes.field, cssEscape(field)) : null;
}

function selectionOf(element) {
  try {
    return typeof element.selectionStart === 'number'
      ? { start: element.selectionStart, end: element.selectionEnd, direction: element.selectionDirection ?? 'none' }
      : {};
  } catch {
    // Inputs of some types (number, date) have no selection and throw when asked.
    return {};
  }
}

function restoreSelection(element, focus) {
  if (typeof focus.start !== 'number') {
    return;
  }
  try {
    element.setSelectionRange(focus.start, focus.end, focus.direction);
  } catch {
    // The new element is of a type without a selection.
  }
}

function restoreScroll(win, position) {
  if (win.scrollX !== position.scrollX || win.scrollY !== position.scrollY) {
    // Instant: a page styled with smooth scrolling (Bootstrap's default) would otherwise animate back.
    win.scrollTo({ left: position.scrollX, top: position.scrollY, behavior: 'instant' });
  }
}

function cssEscape(value) {
  return globalThis.CSS?.escape ? globalThis.CSS.escape(value) : String(value).replace(/["\\#.:[\]()>+~*^$|=\s]/g, '\\$&');
}
