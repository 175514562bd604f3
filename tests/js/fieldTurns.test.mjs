// Restored fields go back one at a time: a field's events leave only after the server answered the round trip
// that followed the previous field's events (Blazor Server retires the other fields' handler ids in between).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldTurns, serverRoundTrip } from '../../src/Blazor.LiveState/wwwroot/FormRecovery/fieldTurns.js';

/** A server whose round trips answer only when the test says so, recording the order of everything. */
function scriptedServer() {
  const log = [];
  const waiting = [];
  return {
    log,
    roundTrip: () => {
      log.push('round trip');
      return new Promise(resolve => waiting.push(resolve));
    },
    answer: async () => {
      waiting.shift()();
      // Let the filler's continuation run.
      await new Promise(resolve => setImmediate(resolve));
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/** Fields as fillNext sees them: each returns whether it sent events (false: it already showed the value). */
function fieldsOf(server, fields) {
  const queue = [...fields];
  return () => {
    const field = queue.shift();
    if (!field) {
      return null;
    }

    server.log.push(field.name);
    return field.sends;
  };
}

test('the next field waits until the server answered the round trip after the previous one', async () => {
  const server = scriptedServer();
  const turns = new FieldTurns(fieldsOf(server, [{ name: 'name', sends: true }, { name: 'quantity', sends: true }, { name: 'country', sends: true }]), server.roundTrip);

  const done = turns.run();
  // The first field goes at once, in the caller's task (the render that made the form interactive).
  assert.deepEqual(server.log, ['name', 'round trip']);

  await server.answer();
  assert.deepEqual(server.log, ['name', 'round trip', 'quantity', 'round trip']);

  await server.answer();
  await server.answer();
  await done;
  assert.deepEqual(server.log, ['name', 'round trip', 'quantity', 'round trip', 'country', 'round trip']);
});

test('a field that already shows its value sends nothing and costs no round trip', async () => {
  const server = scriptedServer();
  const turns = new FieldTurns(fieldsOf(server, [{ name: 'name', sends: false }, { name: 'notes', sends: true }]), server.roundTrip);

  const done = turns.run();
  assert.deepEqual(server.log, ['name', 'notes', 'round trip']);
  await server.answer();
  await done;
});

test('a call during a pass shares it, and the pass fills a field that appeared meanwhile', async () => {
  const server = scriptedServer();
  const queue = [{ name: 'gift', sends: true }];
  const turns = new FieldTurns(() => {
    const field = queue.shift();
    if (!field) {
      return null;
    }

    server.log.push(field.name);
    return field.sends;
  }, server.roundTrip);

  const first = turns.run();
  // The gift message field appears while the gift checkbox's round trip is on its way.
  queue.push({ name: 'gift message', sends: true });
  const second = turns.run();
  assert.equal(first, second);
  assert.equal(server.waiting, 1);

  await server.answer();
  await server.answer();
  await first;
  assert.deepEqual(server.log, ['gift', 'round trip', 'gift message', 'round trip']);
});

test('stop ends the pass after the round trip under way, leaving the other fields alone', async () => {
  const server = scriptedServer();
  const turns = new FieldTurns(fieldsOf(server, [{ name: 'name', sends: true }, { name: 'quantity', sends: true }]), server.roundTrip);

  const done = turns.run();
  turns.stop();
  await server.answer();
  await done;
  assert.deepEqual(server.log, ['name', 'round trip']);
});

test('the round trip calls the kit\'s empty .NET method through Blazor', async () => {
  const calls = [];
  await serverRoundTrip({ invokeMethodAsync: (...args) => { calls.push(args); return Promise.resolve(); } });
  assert.deepEqual(calls, [['Blazor.LiveState', 'RoundTrip']]);
});

test('the round trip does not hold the restore up when the call fails, never answers, or there is no Blazor', async () => {
  await serverRoundTrip({ invokeMethodAsync: () => Promise.reject(new Error('circuit gone')) });
  await serverRoundTrip({ invokeMethodAsync: () => { throw new Error('no dispatcher'); } });
  await serverRoundTrip({ invokeMethodAsync: () => new Promise(() => {}) }, 10);
  await serverRoundTrip(undefined);
});
