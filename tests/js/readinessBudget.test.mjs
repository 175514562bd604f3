// A starting instance over its readiness budget answers a page "busy" with a turn (issue 13, item 3): the page waits
// exactly that turn, asks nothing meanwhile, spends no reload and never shows "failed" for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeployAwareReconnect } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnect.js';
import { probeReadiness, unanswered } from '../../src/Blazor.LiveState/wwwroot/Reconnect/readiness.js';
import { memoryStorage } from './fakeDom.mjs';
import { down, fakeReconnectEnv, ready } from './fakeReconnectEnv.mjs';

const config = { build: '1.0.0', instance: 'A', stableAfterMs: 10_000, schedule: { giveUpAfterMs: null } };
const busy = retryAfterMs => ({ status: 503, body: { ready: false, build: '1.0.0', instance: 'B', reason: 'busy', retryAfterMs } });
const probes = fake => fake.requests.filter(r => r.url.includes('/_livestate/ready'));

function start(fake, extra = {}) {
  const circuitOptions = {};
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(circuitOptions);
  kit.applyConfig({ ...config, ...extra });
  return { kit, loseConnection: () => circuitOptions.reconnectionHandler.onConnectionDown({}, new Error('connection lost'), false, false) };
}

/** Readiness answers in turn: each a function of nothing; the last repeats. */
function answersInTurn(fake, answers) {
  let i = 0;
  fake.onReady(() => answers[Math.min(i++, answers.length - 1)]());
}

test('a busy answer is honoured: the page waits its turn, asks nothing meanwhile, then asks again and reloads', async () => {
  const fake = fakeReconnectEnv();
  const { kit, loseConnection } = start(fake);
  answersInTurn(fake, [() => busy(3_000), ready('B')]);
  fake.onPage(() => ({ status: 200 }));

  loseConnection();
  await fake.advanceUntil(() => probes(fake).length === 1, 5_000, 1);
  const toldBusyAt = fake.now;
  await fake.advance(2_999);
  assert.equal(probes(fake).length, 1, 'no probe before the turn');
  assert.equal(kit.status.state, 'reconnecting');

  await fake.advanceUntil(() => fake.navigations.length > 0, 5_000, 1);
  assert.equal(probes(fake)[1].at - toldBusyAt, 3_000);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('each page waits the turn its own answer gave, so the server spreads them', async () => {
  const asked = [];
  for (const turn of [1_234, 2_345]) {
    const fake = fakeReconnectEnv();
    const { loseConnection } = start(fake);
    answersInTurn(fake, [() => busy(turn), ready('B')]);
    fake.onPage(() => ({ status: 200 }));
    loseConnection();
    await fake.advanceUntil(() => fake.navigations.length > 0, 10_000, 1);
    const [first, second] = probes(fake);
    asked.push(second.at - first.at);
  }

  assert.deepEqual(asked, [1_234, 2_345]);
});

test('waiting turns is not failing: no giving up, no reload spent, and the one reload counts once', async () => {
  const storage = memoryStorage();
  // Two reloads already in the guard's window: one more is allowed, and only one.
  storage.setItem('blazor-livestate:reloads', JSON.stringify([999_000, 999_500]));
  const fake = fakeReconnectEnv({ storage });
  const { kit, loseConnection } = start(fake, { schedule: { giveUpAfterMs: 2_000 } });
  let admitted = false;
  fake.onReady(() => (admitted ? ready('B')() : busy(1_500)));
  fake.onPage(() => ({ status: 200 }));

  loseConnection();
  const states = new Set();
  for (let t = 0; t < 20_000; t += 100) {
    await fake.advance(100);
    states.add(kit.status.state);
  }
  assert.deepEqual([...states], ['reconnecting']);
  assert.deepEqual(fake.navigations, []);
  assert.ok(probes(fake).length >= 10 && probes(fake).length <= 15, `${probes(fake).length} probes in 20 s of 1.5 s turns`);
  assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads')).length, 2);

  admitted = true;
  await fake.advanceUntil(() => fake.navigations.length > 0, 5_000, 10);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
  assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads')).length, 3);
});

test('a busy answer while the reload checks again is honoured too', async () => {
  const fake = fakeReconnectEnv();
  const { loseConnection } = start(fake);
  // Ready, then the page's own address fails once (a proxy between two instances), then the re-check is busy.
  answersInTurn(fake, [ready('B'), () => busy(4_000), ready('B')]);
  let pageAnswers = 0;
  fake.onPage(() => ({ status: ++pageAnswers === 1 ? 502 : 200 }));

  loseConnection();
  await fake.advanceUntil(() => probes(fake).length === 2, 10_000, 1);
  const toldBusyAt = fake.now;
  await fake.advanceUntil(() => fake.navigations.length > 0, 10_000, 1);

  const [, second, third] = probes(fake);
  assert.equal(second.at, toldBusyAt);
  assert.equal(third.at - toldBusyAt, 4_000);
  assert.equal(probes(fake).length, 3);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('a turn below the schedule\'s shortest wait waits that; an absurd one is cut to ten minutes', async () => {
  for (const [turn, expected] of [[0, 10], [3_600_000, 600_000]]) {
    const fake = fakeReconnectEnv();
    const { loseConnection } = start(fake, { schedule: { minDelayMs: 10, giveUpAfterMs: null } });
    answersInTurn(fake, [() => busy(turn), ready('B')]);
    fake.onPage(() => ({ status: 200 }));
    loseConnection();
    await fake.advanceUntil(() => fake.navigations.length > 0, 700_000, 5);
    const [first, second] = probes(fake);
    assert.equal(second.at - first.at, expected, `turn ${turn}`);
  }
});

test('busy is read only from the kit\'s own answer: a 503 with a turn; anything else is plain "not ready"', async () => {
  const fake = fakeReconnectEnv();
  const answers = [
    busy(250),
    { status: 503, body: { ready: false, reason: 'draining' } },
    { status: 503, body: { ready: false, reason: 'busy', retryAfterMs: 'soon' } },
    { status: 503, body: { ready: false, reason: 'busy', retryAfterMs: -5 } },
    { status: 200, body: { ready: true, reason: 'busy', retryAfterMs: 250 } },
  ];
  let i = 0;
  fake.onReady(() => answers[i++]);

  const read = [];
  for (let n = 0; n < answers.length; n++) {
    const answer = await probeReadiness(fake.env, 'http://localhost/app/_livestate/ready?attempt=1', 2_000);
    read.push([answer.busy, answer.retryAfterMs, answer.ready]);
  }

  assert.deepEqual(read, [[true, 250, false], [false, null, false], [false, null, false], [false, null, false], [false, null, true]]);
});

test('a probe no connection answered reads as unanswered; one that timed out or met a proxy\'s error page as no answer', async () => {
  const url = 'http://localhost/app/_livestate/ready?attempt=1';
  const refused = fakeReconnectEnv();
  refused.onReady(() => down());
  const proxy = fakeReconnectEnv();
  proxy.onReady(() => ({ status: 502 }));
  const hung = fakeReconnectEnv();
  hung.env.fetch = (_, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

  assert.equal(await probeReadiness(refused.env, url, 2_000), unanswered);
  assert.equal(await probeReadiness(proxy.env, url, 2_000), null);
  const timedOut = probeReadiness(hung.env, url, 2_000);
  await hung.advanceUntil(() => false, 2_100, 50);
  assert.equal(await timedOut, null);
});
