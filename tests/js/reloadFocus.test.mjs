// The field the user was typing in goes with the kit's reload to the next document, for one reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reloadFocusKey, rememberFocus, takeFocus } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/reloadFocus.js';
import { memoryStorage } from './fakeDom.mjs';

function field({ name = 'Name', value = 'Ada', caret = value.length, recovered = true } = {}) {
  const form = { querySelector: selector => (recovered && selector === '[data-livestate-form-recovery]' ? {} : null), getAttribute: () => null, id: '' };
  return { form, getAttribute: n => (n === 'name' ? name : null), id: '', value, selectionStart: caret, selectionEnd: caret, closest: s => (s === 'form' ? form : null) };
}

test('The field typed in at the end of its text is focused again in the next document of the same path, once', () => {
  const storage = memoryStorage();
  const active = field();
  rememberFocus(storage, { activeElement: active }, '/probe');
  const found = {};
  const next = { querySelector: selector => (found.selector = selector, 'the field') };

  assert.equal(takeFocus(storage, next, '/probe'), 'the field');
  assert.equal(found.selector, '[name="Name"]');
  assert.equal(takeFocus(storage, next, '/probe'), null);
});

test('No focus is carried for a caret inside the text, a form without FormRecovery, or another path', () => {
  const storage = memoryStorage();
  rememberFocus(storage, { activeElement: field({ caret: 1 }) }, '/probe');
  rememberFocus(storage, { activeElement: field({ recovered: false }) }, '/probe');
  assert.equal(storage.getItem(reloadFocusKey), null);

  rememberFocus(storage, { activeElement: field() }, '/probe');
  assert.equal(takeFocus(storage, { querySelector: () => 'x' }, '/other'), null);
});

test('A tampered carried focus focuses nothing', () => {
  const storage = memoryStorage();
  storage.setItem(reloadFocusKey, '{"path":"/probe","selector":"[[["}');

  assert.equal(takeFocus(storage, { querySelector: () => { throw new Error('SyntaxError'); } }, '/probe'), null);
});
