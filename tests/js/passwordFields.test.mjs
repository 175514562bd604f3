// The initializer's watch for password fields: a field shown as type=password at any moment of the page is
// remembered (and so never stored), also after a "show password" toggle makes it text, and a field that turns
// into a password after it was stored is announced so its form forgets it. A fake document and MutationObserver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordFields, sensitiveEvent } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/sensitive.js';

function field({ type = 'text', name, id = '' }) {
  return {
    type,
    id,
    events: [],
    getAttribute: n => (n === 'name' ? name ?? null : null),
    dispatchEvent(event) {
      this.events.push(event.type);
      return true;
    },
  };
}

function watched(fields) {
  const observers = [];
  class Observer {
    constructor(callback) {
      this.callback = callback;
      observers.push(this);
    }

    observe(target, options) {
      this.options = options;
    }
  }
  const doc = { querySelectorAll: selector => (selector === 'input[type=password]' ? fields.filter(f => f.type === 'password') : []) };
  const passwords = new PasswordFields(doc, Observer);
  passwords.watch();
  const changeType = (element, type) => {
    const oldValue = element.type;
    element.type = type;
    observers[0].callback([{ target: element, attributeName: 'type', oldValue }]);
  };
  return { passwords, observers, changeType };
}

test('a password field on the page at start stays a password field after a toggle shows it as text', () => {
  const password = field({ type: 'password', name: 'Input.Password' });
  const { passwords, observers, changeType } = watched([password, field({ name: 'Input.Name' })]);

  changeType(password, 'text');

  assert.equal(passwords.has(password), true);
  assert.deepEqual(observers[0].options, { subtree: true, attributes: true, attributeFilter: ['type'], attributeOldValue: true });
});

test('a field rendered anew as text under the name of a password field counts as that password field', () => {
  const { passwords } = watched([field({ type: 'password', name: 'Input.Password' })]);

  assert.equal(passwords.has(field({ name: 'Input.Password' })), true);
  assert.equal(passwords.has(field({ name: 'Input.Name' })), false);
});

test('a text field that becomes a password is remembered and announced once, so a stored value goes at once', () => {
  const pin = field({ name: 'Input.Code', id: 'code' });
  const { passwords, changeType } = watched([pin]);
  assert.equal(passwords.has(pin), false);

  changeType(pin, 'password');
  changeType(pin, 'text');

  assert.equal(passwords.has(pin), true);
  assert.deepEqual(pin.events, [sensitiveEvent]);
});

test('a field rendered as password later and switched to text is remembered from the switch', () => {
  const late = field({ type: 'password', id: 'late' });
  const { passwords, changeType } = watched([]);

  changeType(late, 'text');

  assert.equal(passwords.has(late), true);
  assert.equal(passwords.has(field({ id: 'late' })), true);
});

test('without a MutationObserver (node, very old browsers) the fields present at start are still known', () => {
  const password = field({ type: 'password', name: 'p' });
  const passwords = new PasswordFields({ querySelectorAll: () => [password] }, undefined);
  passwords.watch();
  assert.equal(passwords.has(password), true);
});
