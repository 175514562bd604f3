// What a page answers when the server asks for the stored fields of its forms ([FormRecoveryModel]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storedFields } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/storedForms.js';
import { serialize, storageKey } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/snapshot.js';
import { memoryStorage } from './fakeDom.mjs';

const now = 1_700_000_000_000;
const request = { owner: 'user-a', ttlMs: 3_600_000, maxBytes: 100_000, build: '1.0+abc', budget: 16_384 };
const probe = { pathname: '/probe', search: '' };
const noFields = { getElementsByName: () => [] };

function store(storage, { path = '/probe', formKey = 'ProbeForm', owner = 'user-a', build = '1.0+abc', savedAt = now - 1_000, fields }) {
  storage.setItem(storageKey(path, formKey), serialize(fields, { build, savedAt, owner }, 100_000).json);
}

/** A document whose only fields are `elements`, by name. */
function documentWith(...elements) {
  return { getElementsByName: name => elements.filter(e => e.name === name) };
}

function field({ tag = 'input', type = 'text', name, value = '', options }) {
  return {
    tagName: tag.toUpperCase(),
    type,
    name,
    value,
    disabled: false,
    multiple: false,
    options: (options ?? []).map(v => ({ value: v })),
    getAttribute: n => (n === 'name' ? name : null),
    closest: () => null,
  };
}

test("the page's stored text, checkbox and radio fields come back in their stored order", () => {
  const storage = memoryStorage();
  store(storage, {
    fields: [
      { k: 'name:_form.Name', t: 'v', v: 'Ada' },
      { k: 'name:_form.Gift', t: 'c', v: true },
      { k: 'name:_form.Size', t: 'r', v: 'L' },
      { k: 'name:_form.Tags', t: 'm', v: ['a', 'b'] },
    ],
  });

  assert.deepEqual(storedFields(storage, noFields, probe, request, now), [
    { f: 'ProbeForm', k: 'name:_form.Name', t: 'v', v: 'Ada' },
    { f: 'ProbeForm', k: 'name:_form.Gift', t: 'c', v: true },
    { f: 'ProbeForm', k: 'name:_form.Size', t: 'r', v: 'L' },
  ]);
});

test("each field says which of the page's forms stored it, so two forms binding the same names stay apart", () => {
  const storage = memoryStorage();
  store(storage, { formKey: 'SignIn', fields: [{ k: 'name:_form.Email', t: 'v', v: 'me@example.com' }] });
  store(storage, { formKey: 'Newsletter', fields: [{ k: 'name:_form.Email', t: 'v', v: 'news@example.com' }] });

  assert.deepEqual(new Set(storedFields(storage, noFields, probe, request, now).map(f => `${f.f}=${f.v}`)), new Set(['SignIn=me@example.com', 'Newsletter=news@example.com']));
});

test("another user's, an expired, another build's and another page's snapshots are not answered", () => {
  const storage = memoryStorage();
  const fields = [{ k: 'name:_form.Name', t: 'v', v: 'not yours' }];
  store(storage, { formKey: 'a', owner: 'user-b', fields });
  store(storage, { formKey: 'b', savedAt: now - 3_600_001, fields });
  store(storage, { formKey: 'c', build: '0.9+old', fields });
  store(storage, { path: '/checkout', fields });
  store(storage, { path: '/probe/more', fields });

  assert.deepEqual(storedFields(storage, noFields, probe, request, now), []);
});

test('a request without an owner or a build answers nothing', () => {
  const storage = memoryStorage();
  store(storage, { fields: [{ k: 'name:_form.Name', t: 'v', v: 'Ada' }] });

  assert.deepEqual(storedFields(storage, noFields, probe, { ...request, owner: '' }, now), []);
  assert.deepEqual(storedFields(storage, noFields, probe, { ...request, build: undefined }, now), []);
  assert.deepEqual(storedFields(storage, noFields, probe, null, now), []);
});

test('a field the URL sets is left to the URL, and a field named only by its id is left to the form', () => {
  const storage = memoryStorage();
  store(storage, { fields: [{ k: 'name:Filter', t: 'v', v: 'old' }, { k: 'id:notes', t: 'v', v: 'x' }, { k: 'name:_form.Name', t: 'v', v: 'Ada' }] });

  assert.deepEqual(storedFields(storage, noFields, { pathname: '/probe', search: '?filter=new' }, request, now).map(f => f.k), ['name:_form.Name']);
});

test('a value a field on the page cannot take is left to the form: a select without the option, a field now a password', () => {
  const storage = memoryStorage();
  store(storage, {
    fields: [
      { k: 'name:_form.Country', t: 'v', v: 'XX' },
      { k: 'name:_form.City', t: 'v', v: 'Oslo' },
      { k: 'name:_form.Secret', t: 'v', v: 'typed' },
      { k: 'name:_form.Size', t: 'r', v: 'L' },
      { k: 'name:_form.GiftMessage', t: 'v', v: 'not on the page yet' },
    ],
  });
  const page = documentWith(
    field({ tag: 'select', name: '_form.Country', options: ['', 'NO', 'SE'] }),
    field({ tag: 'select', name: '_form.City', options: ['', 'Oslo'] }),
    field({ type: 'password', name: '_form.Secret' }),
    field({ type: 'radio', name: '_form.Size', value: 'M' }),
    field({ type: 'radio', name: '_form.Size', value: 'L' }));

  assert.deepEqual(storedFields(storage, page, probe, request, now).map(f => f.k), ['name:_form.City', 'name:_form.Size', 'name:_form.GiftMessage']);
});

test('the answer stays within its budget of UTF-8 bytes, keeping the first fields', () => {
  const storage = memoryStorage();
  const fields = Array.from({ length: 10 }, (_, i) => ({ k: `name:_form.F${i}`, t: 'v', v: 'ø'.repeat(100) }));
  store(storage, { fields });
  const answered = fields.map(field => ({ f: 'ProbeForm', ...field }));

  const answer = storedFields(storage, noFields, probe, { ...request, budget: 1_000 }, now);

  assert.ok(answer.length > 0 && answer.length < 10, `${answer.length} fields`);
  assert.deepEqual(answer, answered.slice(0, answer.length));
  assert.ok(Buffer.byteLength(JSON.stringify(answer)) <= 1_000);
});

test('storage that cannot be read answers nothing', () => {
  const broken = { length: 1, key: () => { throw new Error('SecurityError'); } };

  assert.deepEqual(storedFields(broken, noFields, probe, request, now), []);
});
