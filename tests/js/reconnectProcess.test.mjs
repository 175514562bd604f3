// One outage (Reconnect/reconnectProcess.js), driven directly: it gets the page as a frozen object of
// functions and the browser as its environment, so these tests also show it needs nothing else of the handler
// that starts it. The handler's own paths through it are in reconnect.test.mjs and move.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSchedule } from '../../src/Blazor.LiveState/wwwroot/Reconnect/backoff.js';
import { defaultConfig } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnect.js';
import { ReconnectProcess } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnectProcess.js';
import { memoryStorage } from './fakeDom.mjs';
import { fakeReconnectEnv, notReady, ready } from './fakeReconnectEnv.mjs';

// The defaults the server's options would send, for one build and instance.
const config = Object.freeze({ ...defaultConfig, build: '1.0.0', instance: 'A' });
const schedule = resolveSchedule({ giveUpAfterMs: null });

/** The page as the process sees it: functions only, recording what the process asked of it. */
function page(fake) {
  const asked = { states: [], saves: [], recovered: [], reloading: [] };
  const probeUrl = attempt => `http://localhost/app/_livestate/ready?attempt=${attempt}`;
  const calls = Object.freeze({
    show: state => asked.states.push(state),
    showReloadingNow: () => asked.states.push('reloading-now'),
    reloading: url => asked.reloading.push(url),
    probe: async attempt => {
      const response = await fake.env.fetch(probeUrl(attempt), {});
      return response.ok || response.status === 503 ? { ...(await response.json()), ready: response.ok } : null;
    },
    saveNow: async reason => {
      asked.saves.push(reason);
    },
    recovered: outcome => asked.recovered.push(outcome),
  });
  return { calls, asked };
}

/** A page whose reload budget is spent (three reloads in the window), with an instance ready and its page answering. */
function budgetSpent() {
  const storage = memoryStorage();
  storage.setItem('blazor-livestate:reloads', JSON.stringify([999_000, 999_500, 999_900]));
  const fake = fakeReconnectEnv({ storage });
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));
  return { storage, fake, ...page(fake) };
}

test('a paused outage resumes through the function it was given once an instance answers ready, never by reconnecting', async () => {
  const fake = fakeReconnectEnv();
  const { calls, asked } = page(fake);
  let up = false;
  fake.onReady(() => (up ? ready('B', '2.0.0')() : notReady('A')()));
  const resumes = [];
  const process = new ReconnectProcess(fake.env, calls, {
    config,
    schedule,
    resumePaused: async outcomeNow => {
      resumes.push(outcomeNow());
      return 'resumed';
    },
  });

  process.run();
  await fake.advance(2_000);
  assert.deepEqual(resumes, [], 'nothing is resumed while no instance is ready');
  up = true;
  await fake.advanceUntil(() => resumes.length > 0);
  await fake.advance(1_000);

  assert.equal(resumes.length, 1);
  assert.equal(resumes[0].outcome, 'resumed');
  assert.ok(resumes[0].attempts > 1);
  assert.ok(resumes[0].downMs >= 2_000);
  assert.deepEqual(fake.blazor.calls, [], 'a new build, and yet no reconnect and no new-build reload');
  assert.deepEqual(fake.navigations, []);
  assert.deepEqual(asked.recovered, [], 'the resume reports itself');
  process.finish();
});

test('a paused outage whose resume answers a reason reloads for it, planned: no reload budget spent', async () => {
  for (const reason of ['other-user', 'resume-failed']) {
    const { storage, fake, calls, asked } = budgetSpent();
    const process = new ReconnectProcess(fake.env, calls, { config, schedule, resumePaused: async () => reason });

    process.run();
    await fake.advanceUntil(() => fake.navigations.length > 0);

    assert.deepEqual(fake.navigations.map(n => n.kind), ['reload'], reason);
    assert.deepEqual(asked.saves, ['reload'], reason);
    assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads')).length, 3, `${reason}: not counted`);
    assert.equal(JSON.parse(storage.getItem('blazor-livestate:recovery')).reason, reason);
  }
});

test('a paused outage whose resume answers retry asks again on the schedule', async () => {
  const fake = fakeReconnectEnv();
  const { calls } = page(fake);
  fake.onReady(ready('B'));
  const answers = ['retry', 'retry', 'resumed'];
  const attempts = [];
  const process = new ReconnectProcess(fake.env, calls, {
    config,
    schedule,
    resumePaused: async outcomeNow => {
      attempts.push(outcomeNow().attempts);
      return answers.shift();
    },
  });

  process.run();
  await fake.advanceUntil(() => answers.length === 0);
  await fake.advance(5_000);

  assert.deepEqual(attempts, [1, 2, 3]);
  assert.deepEqual(fake.navigations, []);
  process.finish();
});

test('with the reload budget spent an unplanned reload shows failed, and a planned one still goes ahead', async () => {
  for (const planned of [false, true]) {
    const { fake, calls, asked } = budgetSpent();
    const process = new ReconnectProcess(fake.env, calls, { config, schedule });

    await process.reload('drain', { planned });
    await fake.advanceUntil(() => fake.navigations.length > 0, 5_000);

    assert.equal(fake.navigations.length, planned ? 1 : 0, `planned: ${planned}`);
    assert.equal(asked.states.at(-1), planned ? 'reloading-now' : 'failed', `planned: ${planned}`);
  }
});
