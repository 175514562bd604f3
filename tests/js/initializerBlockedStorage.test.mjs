// The initializer where the browser blocks storage: reading window.sessionStorage itself throws
// (a SecurityError when the user blocks site data). The kit must still load; tab state says why it is off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDom } from './fakeDom.mjs';

installFakeDom();
Object.defineProperty(globalThis, 'sessionStorage', {
  configurable: true,
  get() {
    throw new Error('SecurityError: access is denied for this document');
  },
});
const initializer = await import('../../src/Blazor.LiveState/wwwroot/Blazor.LiveState.lib.module.js');

test('loads where reading sessionStorage throws, and tab state reports the storage unavailable', () => {
  assert.equal(typeof initializer.beforeWebStart, 'function');
  assert.deepEqual(globalThis.BlazorLiveState.tabState.open(), { id: null, entries: {}, error: 'storage-unavailable', forkedFrom: null, withheld: 0 });
  assert.equal(globalThis.BlazorLiveState.tabState.write({ Counter: 'token' }), 'storage-unavailable');
});
