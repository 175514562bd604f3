// The package's JS initializer, run with node's built-in test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDom } from './fakeDom.mjs';

const dom = installFakeDom();
const initializer = await import('../../src/Blazor.LiveState/wwwroot/Blazor.LiveState.lib.module.js');

test('exports every Blazor Web App initializer hook', () => {
  for (const hook of ['beforeWebStart', 'afterWebStarted', 'beforeServerStart', 'afterServerStarted']) {
    assert.equal(typeof initializer[hook], 'function', hook);
  }
});

test('installs its reconnection handler by mutating the circuit options, once', () => {
  const webOptions = { circuit: { reconnectionOptions: { maxRetries: 30 } } };
  const circuit = webOptions.circuit;
  initializer.beforeWebStart(webOptions);
  const installed = circuit.reconnectionHandler;
  // Blazor hands the server hook a copy that carries the same handler: it must not be wrapped twice.
  const serverOptions = { ...circuit };
  initializer.beforeServerStart(serverOptions);

  assert.equal(webOptions.circuit, circuit, 'the options object is mutated, not replaced');
  assert.equal(typeof installed.onConnectionDown, 'function');
  assert.equal(typeof installed.onConnectionUp, 'function');
  assert.equal(serverOptions.reconnectionHandler, installed);
  assert.deepEqual(circuit.reconnectionOptions, { maxRetries: 30 }, 'the app\'s reconnection options are left alone');
});

test('an app-supplied reconnection handler keeps receiving every call, client pauses included', () => {
  const calls = [];
  const appHandler = {
    onConnectionDown: (...args) => calls.push(['down', ...args]),
    onConnectionUp: () => calls.push(['up']),
  };
  const options = { reconnectionHandler: appHandler };
  initializer.beforeServerStart(options);

  options.reconnectionHandler.onConnectionDown({ dialogId: 'x' }, undefined, true, false);
  options.reconnectionHandler.onConnectionUp();

  assert.deepEqual(calls, [['down', { dialogId: 'x' }, undefined, true, false], ['up']]);
  assert.ok(dom.classes.has('ls-connected'));
});

test('marks the document as started once, whichever hooks Blazor calls', () => {
  initializer.afterWebStarted({});
  document.documentElement.dataset.liveState = 'changed-by-app';
  initializer.afterServerStarted({});
  assert.equal(document.documentElement.dataset.liveState, 'changed-by-app');
});

test('exposes the browser API the server and the other modules use', async () => {
  assert.equal(globalThis.BlazorLiveState.state, 'connected');
  const report = await globalThis.BlazorLiveState.connected({ build: '1.0.0', stableAfterMs: 0, schedule: { youngOutageMaxDelayMs: 500 } });
  assert.deepEqual(report, { outcome: 'started', reason: null, attempts: 0, downMs: 0 });
});

test('defines every function the server calls, as Shared/LiveStateInterop.cs names them', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../../src/Blazor.LiveState/Shared/LiveStateInterop.cs', import.meta.url), 'utf8');
  const prefix = /const string Prefix = "([^"]+)";/.exec(source)[1];
  const functions = [...source.matchAll(/= Prefix \+ "([^"]+)";/g)].map(m => prefix + m[1]);

  assert.ok(functions.length >= 7, `found ${functions.join(', ')}`);
  for (const name of functions) {
    const target = name.split('.').reduce((scope, part) => scope?.[part], globalThis);
    assert.equal(typeof target, 'function', name);
  }
});
