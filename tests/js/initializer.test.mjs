// Fast tests of the package's JS initializer, run with node's built-in test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document = { documentElement: { dataset: {} } };
const initializer = await import('../../src/Blazor.LiveState/wwwroot/Blazor.LiveState.lib.module.js');

test('exports every Blazor Web App initializer hook', () => {
  for (const hook of ['beforeWebStart', 'afterWebStarted', 'beforeServerStart', 'afterServerStarted']) {
    assert.equal(typeof initializer[hook], 'function', hook);
  }
});

test('marks the document as started once, whichever hooks Blazor calls', () => {
  initializer.beforeWebStart({});
  initializer.beforeServerStart({});
  initializer.afterWebStarted({});
  document.documentElement.dataset.liveState = 'changed-by-app';
  initializer.afterServerStarted({});
  assert.equal(document.documentElement.dataset.liveState, 'changed-by-app');
});
