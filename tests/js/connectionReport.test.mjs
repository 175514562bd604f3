// The report a page sends back as its connection comes up (Reconnect/connectionReport.js): how it got here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionReport, forgetReload, rememberReload } from '../../src/Blazor.LiveState/wwwroot/Reconnect/connectionReport.js';
import { memoryStorage } from './fakeDom.mjs';

const recoveryKey = 'blazor-livestate:recovery';
const blocked = () => {
  const unavailable = () => {
    throw new Error('sessionStorage is not available');
  };
  return { getItem: unavailable, setItem: unavailable, removeItem: unavailable };
};

test('a page the kit neither recovered nor reloaded reports a start', () => {
  assert.deepEqual(connectionReport(memoryStorage(), 5_000, null), { outcome: 'started', reason: null, attempts: 0, downMs: 0 });
});

test('a kit reload is reported by the next document once, with why, how many probes and how long the page was down', () => {
  const storage = memoryStorage();
  rememberReload(storage, { reason: 'new-build', attempts: 4, downAt: 10_000 });

  assert.deepEqual(connectionReport(storage, 11_830, null), { outcome: 'reloaded', reason: 'new-build', attempts: 4, downMs: 1_830 });
  assert.equal(storage.getItem(recoveryKey), null, 'taken');
  assert.equal(connectionReport(storage, 12_000, null).outcome, 'started', 'reported once');
});

test('a recovery made in this document is what the connection reports', () => {
  const storage = memoryStorage();
  rememberReload(storage, { reason: 'rejected', attempts: 2, downAt: 10_000 });
  const resumed = { outcome: 'resumed', reason: 'drain', attempts: 1, downMs: 420 };

  assert.equal(connectionReport(storage, 20_000, resumed), resumed);
});

test('a clock behind the record reports no negative down time', () => {
  const storage = memoryStorage();
  rememberReload(storage, { reason: 'rejected', attempts: 1, downAt: 10_000 });

  assert.equal(connectionReport(storage, 9_000, null).downMs, 0);
});

test('a record that is unreadable or not the kit\'s reports a start, and is cleared', () => {
  for (const stored of ['{not json', JSON.stringify({ reason: 'rejected', attempts: 1 }), JSON.stringify([1, 2]), 'null']) {
    const storage = memoryStorage();
    storage.setItem(recoveryKey, stored);
    assert.equal(connectionReport(storage, 5_000, null).outcome, 'started', stored);
    assert.equal(storage.getItem(recoveryKey), null, stored);
  }
});

test('with storage blocked nothing throws: the reload is not reported, the page reports a start', () => {
  const storage = blocked();
  rememberReload(storage, { reason: 'rejected', attempts: 1, downAt: 10_000 });
  forgetReload(storage);

  assert.equal(connectionReport(storage, 11_000, null).outcome, 'started');
});

test('a circuit that stayed up forgets the record', () => {
  const storage = memoryStorage();
  rememberReload(storage, { reason: 'rejected', attempts: 1, downAt: 10_000 });
  forgetReload(storage);

  assert.equal(storage.getItem(recoveryKey), null);
});
