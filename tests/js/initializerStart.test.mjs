// What the initializer's hooks say about the connection: Blazor calls afterWebStarted whether or not
// its circuit could start, and afterServerStarted only once it did (issue 14, item 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDom } from './fakeDom.mjs';

const dom = installFakeDom();
const initializer = await import('../../src/Blazor.LiveState/wwwroot/Blazor.LiveState.lib.module.js');

test('afterWebStarted marks the kit loaded but not connected; afterServerStarted marks it connected', () => {
  initializer.beforeWebStart({ circuit: {} });
  initializer.afterWebStarted({});
  assert.equal(document.documentElement.dataset.liveState, 'started');
  assert.ok(!dom.classes.has('ls-connected'));
  assert.equal(globalThis.BlazorLiveState.state, 'starting');

  initializer.afterServerStarted({});
  assert.ok(dom.classes.has('ls-connected'));
  assert.equal(globalThis.BlazorLiveState.state, 'connected');
});
