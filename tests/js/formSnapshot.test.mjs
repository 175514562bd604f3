// What goes into a form snapshot and what is accepted back from sessionStorage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldKey, forgetOtherOwners, forgetStored, isRecoverable, isSetByUrl, mergeEdits, parseSnapshot, prerenderEdits, queryKeys, readField, serialize, storageKey } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/snapshot.js';
import { sensitiveTerms } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/sensitive.js';
import { memoryStorage } from './fakeDom.mjs';

/** A stand-in for a form control with just what the module reads. */
function control({ tag = 'input', type = 'text', name, id, value = '', checked = false, disabled = false, attrs = {}, ignoredBy = null, options }) {
  const attributes = { ...attrs };
  if (name) {
    attributes.name = name;
  }
  return {
    tagName: tag.toUpperCase(),
    type,
    id: id ?? '',
    value,
    checked,
    disabled,
    multiple: !!options,
    options: options ?? [],
    getAttribute: n => attributes[n] ?? null,
    closest: selector => (selector === '[data-livestate-ignore]' ? ignoredBy : null),
  };
}

const now = 1_700_000_000_000;
const limits = { now, ttlMs: 3_600_000, maxBytes: 100_000 };

test('passwords, files, hidden inputs and buttons are never recoverable', () => {
  for (const type of ['password', 'file', 'hidden', 'submit', 'button', 'reset', 'image']) {
    assert.equal(isRecoverable(control({ type, name: 'x' })), false, type);
  }
});

test('password and card fields are recognised by autocomplete even when typed as text', () => {
  for (const autocomplete of ['new-password', 'current-password', 'cc-number', 'cc-csc', 'billing cc-exp', 'one-time-code']) {
    assert.equal(isRecoverable(control({ name: 'x', attrs: { autocomplete } })), false, autocomplete);
  }
  assert.equal(isRecoverable(control({ name: 'x', attrs: { autocomplete: 'name' } })), true);
});

test('data-livestate-ignore on the field or an ancestor opts out; ="false" opts back in', () => {
  const ignoring = { getAttribute: () => '' };
  const reEnabled = { getAttribute: () => 'false' };
  assert.equal(isRecoverable(control({ name: 'x', ignoredBy: ignoring })), false);
  assert.equal(isRecoverable(control({ name: 'x', ignoredBy: reEnabled })), true);
});

test('text, number, date, select, textarea, checkbox and radio are recoverable; disabled ones are not', () => {
  for (const c of [control({ name: 'a' }), control({ type: 'number', name: 'b' }), control({ type: 'date', name: 'c' }),
    control({ tag: 'select', type: 'select-one', name: 'd' }), control({ tag: 'textarea', type: 'textarea', name: 'e' }),
    control({ type: 'checkbox', name: 'f' }), control({ type: 'radio', name: 'g' })]) {
    assert.equal(isRecoverable(c), true, c.type);
  }
  assert.equal(isRecoverable(control({ name: 'x', disabled: true })), false);
  assert.equal(isRecoverable({ tagName: 'DIV', getAttribute: () => null }), false);
});

test('a field is keyed by name, then id, then data-livestate-field; never by position', () => {
  assert.equal(fieldKey(control({ name: 'Model.Name', id: 'n1' })), 'name:Model.Name');
  assert.equal(fieldKey(control({ id: 'n1' })), 'id:n1');
  assert.equal(fieldKey(control({ attrs: { 'data-livestate-field': 'nick' } })), 'field:nick');
  assert.equal(fieldKey(control({})), null);
  assert.equal(readField(control({})), null, 'a field without a stable key is not stored');
});

test('reads each kind of control into its entry', () => {
  assert.deepEqual(readField(control({ name: 't', value: 'a, b % + ü 😀' })), { k: 'name:t', t: 'v', v: 'a, b % + ü 😀' });
  assert.deepEqual(readField(control({ type: 'checkbox', name: 'c', checked: true })), { k: 'name:c', t: 'c', v: true });
  assert.deepEqual(readField(control({ type: 'radio', name: 'r', value: 'express', checked: true })), { k: 'name:r', t: 'r', v: 'express' });
  assert.equal(readField(control({ type: 'radio', name: 'r', value: 'standard' })), null);
  const options = [{ value: 'a', selected: true }, { value: 'b', selected: false }, { value: 'c', selected: true }];
  assert.deepEqual(readField(control({ tag: 'select', type: 'select-multiple', name: 'm', options })), { k: 'name:m', t: 'm', v: ['a', 'c'] });
});

test('storage keys are scoped by path and form', () => {
  assert.equal(storageKey('/checkout', 'ShippingStep'), 'blazor-livestate:form:/checkout#ShippingStep');
  assert.notEqual(storageKey('/a', 'f'), storageKey('/b', 'f'));
});

test('a snapshot round-trips', () => {
  const fields = [{ k: 'name:a', t: 'v', v: 'x' }, { k: 'name:b', t: 'c', v: false }];
  const { json } = serialize(fields, { build: '1.0', savedAt: now, submitAttempted: true, owner: 'u.alice', flow: 'checkout' }, 100_000);
  const parsed = parseSnapshot(json, { ...limits, owner: 'u.alice' });
  assert.deepEqual(parsed.snapshot, { build: '1.0', savedAt: now, submitAttempted: true, fields });
  assert.equal(parsed.dropped, 0);
});

test('the time to live counts from the last edit the snapshot records, not from when it is read', () => {
  const { json } = serialize([{ k: 'name:a', t: 'v', v: 'x' }], { savedAt: now - 3_000_000, owner: 'anonymous' }, 100_000);
  assert.equal(parseSnapshot(json, { ...limits, owner: 'anonymous' }).snapshot.savedAt, now - 3_000_000);
  assert.deepEqual(parseSnapshot(json, { ...limits, now: now + 700_000, owner: 'anonymous' }), { rejected: 'expired' });
});

test('a snapshot is only restored to the user it belongs to: another user, anonymous or no owner is rejected', () => {
  const { json } = serialize([{ k: 'name:a', t: 'v', v: 'Alice' }], { savedAt: now, owner: 'u.alice' }, 100_000);
  assert.deepEqual(parseSnapshot(json, { ...limits, owner: 'u.bob' }), { rejected: 'other-owner' });
  assert.deepEqual(parseSnapshot(json, { ...limits, owner: 'anonymous' }), { rejected: 'other-owner' });
  const ownerless = JSON.stringify({ v: 1, savedAt: now, fields: [{ k: 'name:a', t: 'v', v: 'Alice' }] });
  assert.deepEqual(parseSnapshot(ownerless, { ...limits, owner: 'anonymous' }), { rejected: 'other-owner' });
  const forged = JSON.stringify({ v: 1, savedAt: now, owner: { toString: 'u.bob' }, fields: [] });
  assert.deepEqual(parseSnapshot(forged, { ...limits, owner: 'u.bob' }), { rejected: 'other-owner' });
});

test('a snapshot whose every entry is malformed is rejected whole, so that the server logs it', () => {
  const json = JSON.stringify({ v: 1, savedAt: now, owner: 'anonymous', fields: [{ k: 'name:a', t: 'v', v: 1 }, null, 'x'] });
  assert.deepEqual(parseSnapshot(json, { ...limits, owner: 'anonymous' }), { rejected: 'malformed-entries' });
  const empty = JSON.stringify({ v: 1, savedAt: now, owner: 'anonymous', fields: [] });
  assert.deepEqual(parseSnapshot(empty, { ...limits, owner: 'anonymous' }).snapshot.fields, []);
});

test("forgetting other owners removes other users' forms on every page and leaves the rest to the form's own check", () => {
  const storage = memoryStorage();
  const stored = (owner, flow = null) => JSON.stringify({ v: 1, savedAt: now, owner, flow, fields: [] });
  storage.setItem(storageKey('/checkout', 'Contact'), stored('u.alice'));
  storage.setItem(storageKey('/probe', 'ProbeForm'), stored('u.alice'));
  storage.setItem(storageKey('/checkout', 'Delivery'), stored('u.bob'));
  storage.setItem(storageKey('/old', 'Form'), JSON.stringify({ v: 1, savedAt: now, fields: [] }));
  storage.setItem(storageKey('/broken', 'Form'), '{not json');
  storage.setItem('blazor-livestate:tab', 'not a form');

  assert.equal(forgetOtherOwners(storage, 'u.bob'), 2);

  // An ownerless or broken snapshot is never restored either (parseSnapshot rejects it), and its form logs why.
  assert.deepEqual([...Array(storage.length).keys()].map(i => storage.key(i)).sort(),
    [storageKey('/broken', 'Form'), storageKey('/checkout', 'Delivery'), storageKey('/old', 'Form'), 'blazor-livestate:tab']);
});

test("clearing a flow removes that flow's forms on every page and leaves other flows and forms alone", () => {
  const storage = memoryStorage();
  const stored = flow => JSON.stringify({ v: 1, savedAt: now, owner: 'anonymous', flow, fields: [] });
  storage.setItem(storageKey('/checkout', 'Contact'), stored('checkout'));
  storage.setItem(storageKey('/checkout/delivery', 'Delivery'), stored('checkout'));
  storage.setItem(storageKey('/signup', 'Account'), stored('signup'));
  storage.setItem(storageKey('/probe', 'ProbeForm'), stored(null));

  assert.equal(forgetStored(storage, header => header?.flow === 'checkout'), 2);

  assert.equal(storage.length, 2);
  assert.notEqual(storage.getItem(storageKey('/signup', 'Account')), null);
  assert.notEqual(storage.getItem(storageKey('/probe', 'ProbeForm')), null);
});

test('forgetting in a storage the browser refuses removes nothing and does not throw', () => {
  const refusing = { get length() { throw new Error('SecurityError'); } };
  assert.equal(forgetOtherOwners(refusing, 'anonymous'), 0);
});

test('fields named for a card number, security code, SSN, PIN, one-time code or secret are never recoverable', () => {
  for (const name of ['cardNumber', 'card_number', 'card-number', 'CardNumber', 'Input.CardNumber', 'ccnumber', 'cc-number', 'creditCard',
    'cvv', 'CVV2', 'cvc', 'csc', 'cc-csc', 'securityCode', 'ssn', 'userSSN', 'social_security_number', 'pin', 'PinCode', 'otp',
    'one-time-code', 'oneTimeCode', 'secret', 'clientSecret', 'Model.Secret']) {
    assert.equal(isRecoverable(control({ name })), false, name);
    assert.equal(isRecoverable(control({ id: name })), false, `id ${name}`);
  }
  assert.equal(isRecoverable(control({ attrs: { 'data-livestate-field': 'cvv' } })), false, 'data-livestate-field');
});

test('names that only contain such a word inside another word stay recoverable', () => {
  for (const name of ['pinned', 'shipping', 'spinner', 'opinion', 'cardholder', 'secretary', 'Model.Notes', 'email', 'postcode', 'promoCode', 'cardColor']) {
    assert.equal(isRecoverable(control({ name })), true, name);
  }
});

test('data-livestate-sensitive="false" opts a field out of the name rules, never out of the password rules', () => {
  assert.equal(isRecoverable(control({ name: 'pin', attrs: { 'data-livestate-sensitive': 'false' } })), true);
  assert.equal(isRecoverable(control({ name: 'x', attrs: { autocomplete: 'cc-name', 'data-livestate-sensitive': 'false' } })), true);
  assert.equal(isRecoverable(control({ name: 'x', attrs: { autocomplete: 'new-password', 'data-livestate-sensitive': 'false' } })), false);
  assert.equal(isRecoverable(control({ type: 'password', name: 'x', attrs: { 'data-livestate-sensitive': 'false' } })), false);
  assert.equal(isRecoverable(control({ name: 'x', attrs: { 'data-livestate-sensitive': 'false' } }), { wasPassword: () => true }), false);
});

test("an app's own sensitive names are matched like the built-in ones", () => {
  const policy = { terms: sensitiveTerms(['tax id', 'IBAN']) };
  for (const name of ['taxId', 'tax_id', 'Model.TaxId', 'iban', 'payoutIban', 'cvv']) {
    assert.equal(isRecoverable(control({ name }), policy), false, name);
  }
  assert.equal(isRecoverable(control({ name: 'taxonomy' }), policy), true);
  assert.equal(isRecoverable(control({ name: 'taxId' })), true, 'not a built-in name');
});

test('a field the page has shown as a password is never recoverable, even as text', () => {
  const shown = control({ name: 'Input.Password' });
  assert.equal(isRecoverable(shown, { wasPassword: element => element === shown }), false);
  assert.equal(isRecoverable(control({ name: 'Input.Name' }), { wasPassword: element => element === shown }), true);
});

test('an oversized snapshot is not written', () => {
  const fields = [{ k: 'name:a', t: 'v', v: 'x'.repeat(2_000) }];
  assert.ok(serialize(fields, { savedAt: now }, 1_000).tooLarge > 1_000);
});

test('tampered, corrupt, foreign, future, expired and oversized snapshots are rejected, never thrown', () => {
  const cases = {
    '': 'empty',
    '{not json': 'invalid-json',
    '"a string"': 'wrong-shape',
    '[]': 'wrong-shape',
    'null': 'wrong-shape',
    [JSON.stringify({ v: 2, savedAt: now, fields: [] })]: 'wrong-shape',
    [JSON.stringify({ v: 1, savedAt: 'yesterday', fields: [] })]: 'wrong-shape',
    [JSON.stringify({ v: 1, savedAt: now + 3_600_000, fields: [] })]: 'wrong-shape',
    [JSON.stringify({ v: 1, savedAt: now - 3_600_001, fields: [] })]: 'expired',
    ['x'.repeat(100_001)]: 'too-large',
  };
  for (const [json, reason] of Object.entries(cases)) {
    assert.deepEqual(parseSnapshot(json, limits), { rejected: reason }, json.slice(0, 40));
  }
});

test('entries of the wrong shape are dropped one by one; markup stays inert text', () => {
  const json = JSON.stringify({
    v: 1, savedAt: now, fields: [
      { k: 'name:ok', t: 'v', v: '<img src=x onerror=alert(1)>' },
      { k: 'name:bad-type', t: 'v', v: 42 },
      { k: 'name:bad-kind', t: 'eval', v: 'x' },
      { k: '', t: 'v', v: 'x' },
      { k: 'k'.repeat(600), t: 'v', v: 'x' },
      { k: 'name:multi', t: 'm', v: ['a', 1] },
      null,
      'text',
    ],
  });
  const parsed = parseSnapshot(json, limits);
  assert.deepEqual(parsed.snapshot.fields, [{ k: 'name:ok', t: 'v', v: '<img src=x onerror=alert(1)>' }]);
  assert.equal(parsed.dropped, 7);
});

test('a field the URL sets is not restored: the URL wins, by name or by data-livestate-url, any case', () => {
  const keys = queryKeys('?search=lamps&Q=desk&page=2');
  assert.equal(isSetByUrl(control({ name: 'Search' }), keys), true);
  assert.equal(isSetByUrl(control({ name: 'q' }), keys), true);
  assert.equal(isSetByUrl(control({ name: 'Filter.Text', attrs: { 'data-livestate-url': 'page' } }), keys), true);
  assert.equal(isSetByUrl(control({ name: 'Name' }), keys), false);
  assert.equal(isSetByUrl(control({ id: 'search' }), keys), false);
  assert.equal(isSetByUrl(control({ name: 'search' }), queryKeys('')), false);
});


test('The prerendered pending script reads the snapshot and reload-focus keys and marks the form with the class the module removes', async () => {
  const { readFile } = await import('node:fs/promises');
  const script = await readFile(new URL('../../src/Blazor.LiveState/FormRecovery/FormRecoveryPending.cs', import.meta.url), 'utf8');
  const interop = await readFile(new URL('../../src/Blazor.LiveState/Shared/LiveStateInterop.cs', import.meta.url), 'utf8');
  const { pendingClass, storagePrefix } = await import('../../src/Blazor.LiveState/wwwroot/FormRecovery/snapshot.js');
  const { reloadHandoffCookiePrefix } = await import('../../src/Blazor.LiveState/wwwroot/constants.js');
  const { reloadFocusKey } = await import('../../src/Blazor.LiveState/wwwroot/FormRecovery/reloadFocus.js');

  assert.ok(script.includes(`"'+location.pathname+'#'"`) && script.includes('LiveStateInterop.StorageKeys.FormPrefix'), 'the storage key built as storageKey() builds it');
  assert.ok(interop.includes(`FormPrefix = "${storagePrefix}"`), 'the same storage prefix as snapshot.js');
  assert.ok(script.includes('LiveStateInterop.FormAttributes.PendingClass') && interop.includes(`PendingClass = "${pendingClass}"`), 'the same class as the module removes');
  assert.ok(script.includes('LiveStateInterop.StorageKeys.ReloadFocus') && interop.includes(`ReloadFocus = "${reloadFocusKey}"`), 'the same reload-focus key as reloadFocus.js writes');
  assert.ok(interop.includes(`ReloadHandoffCookiePrefix = "${reloadHandoffCookiePrefix}"`), 'the same hand-off cookie name as tabState.js writes');
  const earlyKeys = await readFile(new URL('../../src/Blazor.LiveState/FormRecovery/FormRecoveryEarlyKeys.cs', import.meta.url), 'utf8');
  assert.ok(earlyKeys.includes('LiveStateInterop.StorageKeys.ReloadFocus'), 'the head script (<LiveStateHead />) reads the reload-focus record reloadFocus.js writes');
});

test('Text typed into a prerendered empty field goes after the stored text, never under it', () => {
  const name = { ...control({ name: 'Name', value: 'XYZ' }), defaultValue: '' };
  const quantity = { ...control({ type: 'number', name: 'Quantity', value: '9' }), defaultValue: '1' };
  const notes = { ...control({ tag: 'textarea', type: 'textarea', name: 'Notes', value: '' }), defaultValue: '' };
  const password = { ...control({ type: 'password', name: 'Password', value: 'secret' }), defaultValue: '' };
  const form = { elements: [name, quantity, notes, password] };

  const edits = prerenderEdits(form);
  const merged = mergeEdits([{ k: 'name:Name', t: 'v', v: 'Ada' }, { k: 'name:Quantity', t: 'v', v: '7' }, { k: 'name:Notes', t: 'v', v: 'Leave it' }], edits);

  // The untouched notes and the password are no edits; the number typed over its rendered value replaces the stored one.
  assert.deepEqual(edits.map(e => [e.k, e.v, e.intoEmpty]), [['name:Name', 'XYZ', true], ['name:Quantity', '9', false]]);
  assert.deepEqual(merged, [{ k: 'name:Name', t: 'v', v: 'AdaXYZ' }, { k: 'name:Quantity', t: 'v', v: '9' }, { k: 'name:Notes', t: 'v', v: 'Leave it' }]);
});

test('A choice made in the prerendered form replaces the stored one, and an edit of a field with nothing stored is kept', () => {
  const gift = { ...control({ type: 'checkbox', name: 'Gift', checked: false }), defaultChecked: true };
  const city = { ...control({ name: 'City', value: 'Oslo' }), defaultValue: '' };

  const merged = mergeEdits([{ k: 'name:Gift', t: 'c', v: true }], prerenderEdits({ elements: [gift, city] }));

  assert.deepEqual(merged, [{ k: 'name:Gift', t: 'c', v: false }, { k: 'name:City', t: 'v', v: 'Oslo' }]);
});

test('A prerendered select that shows its first option because none is marked selected is no edit', () => {
  const option = (value, defaultSelected = false) => ({ value, selected: false, defaultSelected });
  const untouched = { ...control({ tag: 'select', type: 'select-one', name: 'Country', value: '' }), multiple: false, options: [option(''), option('SE')], selectedIndex: 0 };
  const chosen = { ...untouched, name: 'Other', getAttribute: n => (n === 'name' ? 'Other' : null), value: 'SE', selectedIndex: 1 };

  assert.deepEqual(prerenderEdits({ elements: [untouched, chosen] }).map(e => [e.k, e.v]), [['name:Other', 'SE']]);
});
