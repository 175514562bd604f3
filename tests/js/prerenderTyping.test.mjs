// What the user typed into a prerendered form before its circuit was up (prerenderTyping.js): kept for the restore,
// merged over the stored values, and the caret put back in the typed text. Node's test runner; the E2E test
// Text_typed_into_the_pending_form_before_the_circuit_is_up_goes_after_the_stored_text_with_the_caret runs it in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caretAfterRestore, keepPrerenderedForms, typedBeforeRestore } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/prerenderTyping.js';
import { attach } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/recoverableForm.js';
import { eventTarget, field, form, formEnvironment, marker } from './fakeForm.mjs';
import { memoryStorage } from './fakeDom.mjs';

test('text typed into a field rendered empty: the caret moves by the stored text put before it', () => {
  // Stored "Ada", the user typed "bc" into the empty prerendered field with the caret after "b".
  assert.equal(caretAfterRestore({ caret: 1, intoEmpty: true, typedLength: 2 }, 'Adabc'), 4);
  // Typed into a field that showed a value: what they typed replaced it, the caret stays.
  assert.equal(caretAfterRestore({ caret: 3, intoEmpty: false, typedLength: 5 }, 'Hello'), 3);
  assert.equal(caretAfterRestore({ caret: null, intoEmpty: true, typedLength: 2 }, 'Adabc'), null);
});

test('the prerendered form\'s edits and the focused field with its caret are taken for the restore', () => {
  const name = field({ name: 'Name', value: 'bc' });
  name.selectionStart = 2;
  const city = field({ name: 'City', value: 'Paris', defaultValue: 'Paris' });
  const prerendered = form([name, city]);

  const typed = typedBeforeRestore({ form: prerendered, focused: name }, {});

  assert.deepEqual(typed.edits, [{ k: 'name:Name', t: 'v', v: 'bc', intoEmpty: true }], 'only what differs from what the server rendered');
  assert.deepEqual(typed.focus, { key: 'name:Name', caret: 2, intoEmpty: true, typedLength: 2 });
  assert.equal(typedBeforeRestore(null, {}), null);
  assert.equal(typedBeforeRestore({ form: form([city]), focused: null }, {}), null, 'nothing typed, nothing focused');
});

test('a focused field without a selection (a number input throws when asked) keeps no caret', () => {
  const amount = field({ name: 'Amount', type: 'number', value: '3' });
  Object.defineProperty(amount, 'selectionStart', { get: () => { throw new Error('InvalidStateError'); } });

  assert.equal(typedBeforeRestore({ form: form([amount]), focused: amount }, {}).focus.caret, null);
});

test('each prerendered form is taken once, by the form whose marker matches', () => {
  const first = form([]);
  const second = form([]);
  const markers = [marker(first, { 'data-livestate-form-recovery': 'static' }), marker(second, { 'data-livestate-form-recovery': 'static' })];
  const doc = eventTarget({ activeElement: null, body: null, querySelectorAll: () => markers });
  const take = keepPrerenderedForms(doc, memoryStorage(), '/checkout');

  assert.equal(take(m => m === markers[1]).form, second);
  assert.equal(take(m => m === markers[1]), null, 'its edits go to one restore');
  assert.equal(take(() => true).form, first);
});

test('typed before the restore: what the user typed goes over the stored values', async () => {
  const prerenderedName = field({ name: 'Name', value: 'ce' });
  const prerendered = form([prerenderedName]);
  const liveName = field({ name: 'Name' });
  const env = formEnvironment({ kit: { takePrerendered: () => ({ form: prerendered, focused: null }) } });
  env.storage.setItem('blazor-livestate:form:/checkout#order', JSON.stringify({ v: 1, build: null, savedAt: env.now(), owner: 'anonymous', flow: null, submitAttempted: false, fields: [{ k: 'name:Name', t: 'v', v: 'Gra' }] }));

  await attach(marker(form([liveName])), env).restore();

  assert.equal(liveName.value, 'Grace');
});
