// Form recovery on a page, wired together: what the kit watches from the first moment of the page (password
// fields, forms the user edits, forms as prerendered) and the marker element whose callbacks start each form's
// restore (liveForms.js). The kit's initializer calls startFormRecovery once.

import { browserFormEnvironment } from './environment.js';
import { defineMarkerElement, LiveForms } from './liveForms.js';
import { keepPrerenderedForms } from './prerenderTyping.js';
import { attach } from './recoverableForm.js';
import { PasswordFields } from './sensitive.js';

/**
 * Starts form recovery in the page of `win`, with `storage` (this tab's sessionStorage, or a stand-in whose
 * methods throw where it is blocked). Returns the LiveForms whose handles the server asks for.
 */
export function startFormRecovery(win, storage) {
  const doc = win.document;
  // Password fields, seen from the first moment of the page: one switched to text ("show password") is still
  // never stored.
  const passwordFields = new PasswordFields(doc);
  passwordFields.watch();
  // Forms the user edited, seen from the first moment of the page: a form attaches after its component's first
  // interactive render, and an edit made before that must still count.
  const editedForms = new WeakSet();
  for (const type of ['input', 'change']) {
    doc.addEventListener(type, event => {
      const form = event.isTrusted ? event.target?.closest?.('form') : null;
      if (form) {
        editedForms.add(form);
      }
    }, true);
  }
  const takePrerendered = keepPrerenderedForms(doc, storage, win.location?.pathname);

  const env = browserFormEnvironment(win, storage, {
    wasEdited: form => editedForms.has(form),
    wasPassword: element => passwordFields.has(element),
    takePrerendered,
  });
  const liveForms = new LiveForms(marker => attach(marker, env), callback => win.queueMicrotask(callback), doc);
  defineMarkerElement(win.customElements, win.HTMLElement, liveForms);
  return liveForms;
}
