// Which fields hold secrets and so never reach browser storage, whatever their current type says: a field that
// has been type=password at any moment of the page (a "show password" toggle turns it into text), and fields
// whose name, id or autocomplete token says card number, security code, social security number, PIN, one-time
// code or secret. Pure apart from the watcher, which takes the document and MutationObserver it uses.

import { events, fieldAttributes } from '../constants.js';

/** Dispatched (bubbling) on a field the moment it turns out to be sensitive, so a form that stored it forgets it. */
export const sensitiveEvent = events.sensitive;

// Each a run of words of a field's name written together, lower case: `cardNumber`, `card_number`, `card-number`
// and `Input.CardNumber` all contain the run "card number", written "cardnumber".
const builtInTerms = [
  'cardnumber', 'ccnumber', 'creditcard', 'creditcardnumber',
  'cvv', 'cvv2', 'cvc', 'cvc2', 'csc', 'cccsc', 'securitycode', 'cardverification',
  'ssn', 'socialsecurity', 'socialsecuritynumber',
  'pin', 'pincode', 'pinnumber',
  'otp', 'totp', 'onetimecode', 'onetimepassword', 'onetimepasscode', 'verificationcode', 'mfacode', 'twofactorcode', '2facode',
  'secret', 'clientsecret', 'apisecret', 'secretkey', 'privatekey', 'apikey', 'accesstoken',
];

/**
 * The words of a field's name: `Input.CardNumber` is input, card, number; `cc-csc` is cc, csc; `userSSN` is user,
 * ssn. Digits stay with the word before them (`cvv2`).
 */
export function nameWords(text) {
  return String(text ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word.length > 0);
}

/** The terms to look for: the built-in ones and the app's own (FormRecovery.SensitiveFieldNames), each written as one run. */
export function sensitiveTerms(extraNames = []) {
  const terms = new Set(builtInTerms);
  for (const name of extraNames) {
    const term = nameWords(name).join('');
    if (term) {
      terms.add(term);
    }
  }
  return terms;
}

/** Whether some run of neighbouring words of `text`, written together, is one of `terms`. */
export function namesSecret(text, terms) {
  const words = nameWords(text);
  for (let start = 0; start < words.length; start++) {
    let run = '';
    for (let end = start; end < words.length; end++) {
      run += words[end];
      if (terms.has(run)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether a field's own markup says it holds a secret: its autocomplete names a password, a payment card (cc-…) or
 * a one-time code, or its name, id, data-livestate-field or autocomplete names one of `terms`.
 * data-livestate-sensitive="false" on the field lifts every rule but the password ones.
 */
export function looksSensitive(element, terms) {
  const autocomplete = (element.getAttribute?.('autocomplete') ?? '').toLowerCase();
  if (autocomplete.includes('password')) {
    return true;
  }

  if (element.getAttribute?.(fieldAttributes.sensitive) === 'false') {
    return false;
  }

  if (/(^|\s)cc-/.test(autocomplete) || autocomplete.includes('one-time-code')) {
    return true;
  }

  return [element.getAttribute?.('name'), element.id, element.getAttribute?.(fieldAttributes.field), autocomplete]
    .some(text => text && namesSecret(text, terms));
}

/**
 * Remembers every field this page has shown as type=password, from the moment the kit's initializer runs (before
 * any form module attaches): the element, and its name and id, so that the same field rendered anew as text
 * (a toggle that swaps the element) still counts.
 */
export class PasswordFields {
  /**
   * @param {Document} doc the page
   * @param {typeof MutationObserver | undefined} Observer the browser's MutationObserver (none in node)
   */
  constructor(doc, Observer = globalThis.MutationObserver) {
    this.document = doc;
    this.Observer = Observer;
    this.elements = new WeakSet();
    this.names = new Set();
    this.observer = null;
  }

  /** Starts watching: fields already on the page, then every change of an input's type attribute. */
  watch() {
    for (const element of this.document.querySelectorAll?.('input[type=password]') ?? []) {
      this.remember(element);
    }

    if (typeof this.Observer !== 'function' || this.observer) {
      return;
    }

    // Only type attributes: the observer costs nothing on the renders that do not change one.
    this.observer = new this.Observer(records => {
      for (const record of records) {
        const element = record.target;
        const password = (record.oldValue ?? '').toLowerCase() === 'password' || (element.type ?? '').toLowerCase() === 'password';
        // Newly known: it may have been stored while it was text, and must go from storage now.
        if (password && this.remember(element)) {
          element.dispatchEvent?.(new CustomEvent(sensitiveEvent, { bubbles: true }));
        }
      }
    });
    this.observer.observe(this.document, { subtree: true, attributes: true, attributeFilter: ['type'], attributeOldValue: true });
  }

  /** Marks a field as a password field for the rest of the page; true when it was not marked before. */
  remember(element) {
    const known = this.elements.has(element);
    this.elements.add(element);
    for (const name of fieldNames(element)) {
      this.names.add(name);
    }
    return !known;
  }

  /** Whether the field, or a field with its name or id, has been type=password on this page. */
  has(element) {
    return this.elements.has(element) || fieldNames(element).some(name => this.names.has(name));
  }
}

function fieldNames(element) {
  const names = [];
  const name = element.getAttribute?.('name');
  if (name) {
    names.push(`name:${name}`);
  }
  if (element.id) {
    names.push(`id:${element.id}`);
  }
  return names;
}
