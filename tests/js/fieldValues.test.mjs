// Putting one stored value back into one field (fieldValues.js): which field takes which entry, and the events
// @bind needs. Node's test runner with fields as plain objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applies, readKey, setValue, showValue } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/fieldValues.js';
import { field } from './fakeForm.mjs';

const option = (value, selected = false) => ({ value, selected });

test('a radio takes only its own stored value; a checkbox only a checkbox entry', () => {
  assert.equal(applies(field({ type: 'radio', value: 'post' }), { t: 'r', v: 'post' }), true);
  assert.equal(applies(field({ type: 'radio', value: 'courier' }), { t: 'r', v: 'post' }), false);
  assert.equal(applies(field({ type: 'checkbox' }), { t: 'c', v: true }), true);
  assert.equal(applies(field({ type: 'checkbox' }), { t: 'v', v: 'on' }), false);
  assert.equal(applies(field({ type: 'text' }), { t: 'c', v: true }), false);
});

test('a select takes only a value it offers: anything else would silently become its first option', () => {
  const country = field({ tag: 'select', type: 'select-one' });
  country.multiple = false;
  country.options = [option('fr'), option('de')];

  assert.equal(applies(country, { t: 'v', v: 'de' }), true);
  assert.equal(applies(country, { t: 'v', v: 'xx' }), false);
  assert.equal(applies(field({ tag: 'select', options: [option('a')] }), { t: 'm', v: ['a'] }), true, 'a multi-select takes a list');
});

test('showing a value sets the property and says whether the field showed something else', () => {
  const name = field({ value: 'Ada' });
  assert.equal(showValue(name, { t: 'v', v: 'Ada' }), false);
  assert.equal(showValue(name, { t: 'v', v: '<b>Grace</b>' }), true);
  assert.equal(name.value, '<b>Grace</b>', 'as text, through the value property');

  const tags = field({ tag: 'select', options: [option('a', true), option('b')] });
  assert.equal(showValue(tags, { t: 'm', v: ['b'] }), true);
  assert.deepEqual(tags.options.map(o => o.selected), [false, true]);
});

test('setting a value fires input and change only when the server has not had it', () => {
  const unchanged = field({ value: 'Ada' });
  assert.equal(setValue(unchanged, { t: 'v', v: 'Ada' }), false);
  assert.deepEqual(unchanged.events, []);

  // Shown earlier without events (the whole form shows its values at once): the server still needs them.
  const shown = field({ value: 'Ada' });
  assert.equal(setValue(shown, { t: 'v', v: 'Ada' }, true), true);
  assert.deepEqual(shown.events, ['input', 'change']);

  const gift = field({ type: 'checkbox' });
  assert.equal(setValue(gift, { t: 'c', v: true }), true);
  assert.equal(gift.checked, true);
  assert.deepEqual(gift.events, ['input', 'change']);
});

test('a field\'s key is the one its snapshot entry carries, or null when it has no stable name', () => {
  assert.equal(readKey(field({ name: 'Input.Name' })), 'name:Input.Name');
  assert.equal(readKey(field({ id: 'email' })), 'id:email');
  assert.equal(readKey(field({})), null);
});
