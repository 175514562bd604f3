// Where the user is on the page: the window's scroll position and the focused field with its caret. A
// circuit resumed in place renders its components anew, which replaces their elements: the focused one is
// gone and the browser moves focus to <body>. Taken just before the resume and put back once the new
// elements are there, the user keeps typing where they were.

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
 * selector), or at once when nothing was focused. Focus is not taken from a field the user chose meanwhile.
 * Returns a promise that resolves with whether the focus came back (true when there was none to restore).
 */
export function restorePosition(doc, win, position, { withinMs = restoreWithinMs, setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  const attempt = () => {
    if (!position.focus) {
      restoreScroll(win, position);
      return true;
    }

    const element = doc.querySelector(position.focus.selector);
    if (!element || element === position.focus.element) {
      // Not rendered anew yet.
      return false;
    }

    const active = doc.activeElement;
    if (!active || active === doc.body || !active.isConnected) {
      element.focus({ preventScroll: true });
      restoreSelection(element, position.focus);
    }

    restoreScroll(win, position);
    return true;
  };

  if (attempt()) {
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

  const field = element.getAttribute?.('data-livestate-field');
  return field ? `[data-livestate-field="${cssEscape(field)}"]` : null;
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
    win.scrollTo(position.scrollX, position.scrollY);
  }
}

function cssEscape(value) {
  return globalThis.CSS?.escape ? globalThis.CSS.escape(value) : String(value).replace(/["\\#.:[\]()>+~*^$|=\s]/g, '\\$&');
}
