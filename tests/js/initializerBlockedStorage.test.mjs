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
let reloads = 0;
globalThis.location = { href: 'http://localhost/app/page', reload: () => { reloads++; }, replace: () => {} };
const initializer = await import('../../src/Blazor.LiveState/wwwroot/Blazor.LiveState.lib.module.js');

test('loads where reading sessionStorage throws, and tab state reports the storage unavailable', () => {
  assert.equal(typeof initializer.beforeWebStart, 'function');
  assert.deepEqual(globalThis.BlazorLiveState.tabState.open(), { id: null, entries: {}, error: 'storage-unavailable', forkedFrom: null, withheld: 0 });
  assert.equal(globalThis.BlazorLiveState.tabState.write({ Counter: 'token' }), 'storage-unavailable');
});

test('a lost circuit still reloads where reading sessionStorage throws', async () => {
  globalThis.fetch = async () => ({ ok: true, status: 200, json: async () => ({ ready: true, build: null, instance: null }) });
  globalThis.Blazor = { reconnect: async () => false, resumeCircuit: async () => false };
  globalThis.navigator ??= { onLine: true };
  const options = {};
  initializer.beforeServerStart(options);
  const rejections = [];
  const onRejection = reason => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    options.reconnectionHandler.onConnectionDown({}, new Error('gone'), false, false);
    for (let i = 0; i < 100 && reloads === 0 && rejections.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  } finally {
    process.off('unhandledRejection', onRejection);
  }

  assert.deepEqual(rejections, []);
  assert.equal(reloads, 1);
  assert.equal(globalThis.BlazorLiveState.state, 'reloading');
});
