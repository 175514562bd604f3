// The reload-loop guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canReload, clearReloads, recordReload } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reloadGuard.js';
import { memoryStorage } from './fakeDom.mjs';

test('allows reloads up to the limit within the window, then stops', () => {
  const storage = memoryStorage();
  for (let i = 0; i < 3; i++) {
    assert.ok(canReload(storage, 1000 + i, 3, 60_000));
    recordReload(storage, 1000 + i, 60_000);
  }
  assert.equal(canReload(storage, 1010, 3, 60_000), false);
});

test('old reloads fall out of the window', () => {
  const storage = memoryStorage();
  for (let i = 0; i < 3; i++) {
    recordReload(storage, i, 60_000);
  }
  assert.ok(canReload(storage, 60_010, 3, 60_000));
});

test('clearing starts the count over', () => {
  const storage = memoryStorage();
  recordReload(storage, 1, 60_000);
  clearReloads(storage);
  assert.ok(canReload(storage, 2, 1, 60_000));
});

test('tampered storage is ignored instead of throwing', () => {
  for (const junk of ['{not json', '"text"', '{"a":1}', '[1,"x",null]', '9'.repeat(5000)]) {
    const storage = memoryStorage();
    storage.setItem('blazor-livestate:reloads', junk);
    assert.doesNotThrow(() => canReload(storage, 1, 3, 60_000));
    assert.doesNotThrow(() => recordReload(storage, 1, 60_000));
  }
});

test('full or disabled storage does not break reloading', () => {
  const storage = memoryStorage({ failWrites: true });
  assert.doesNotThrow(() => recordReload(storage, 1, 60_000));
  assert.ok(canReload(storage, 2, 3, 60_000));
});
