// The planned-deploy move (Draining/move.js, issue 13): a draining server's page pauses its circuit and resumes
// it on the next ready instance in the same document, and falls back to the reload path, with its state,
// wherever a resume cannot work. Driven in node through the reconnect handler that owns it, as the page runs it,
// and directly with a host of plain functions; Chromium E2E tests cover the real Blazor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlannedMove } from '../../src/Blazor.LiveState/wwwroot/Draining/move.js';
import { DeployAwareReconnect } from '../../src/Blazor.LiveState/wwwroot/Reconnect/reconnect.js';
import { memoryStorage } from './fakeDom.mjs';
import { fakeReconnectEnv, notReady, ready } from './fakeReconnectEnv.mjs';

const config = { build: '1.0.0', instance: 'A', owner: 'u.alice', stableAfterMs: 10_000, schedule: { giveUpAfterMs: null } };
const owner = name => () => ({ status: 200, body: { owner: name } });

function start(fake, circuitOptions = {}) {
  const kit = new DeployAwareReconnect(fake.env);
  kit.install(circuitOptions);
  kit.applyConfig(config);
  kit.circuitIsUp();
  fake.blazor.handler = circuitOptions.reconnectionHandler;
  return { kit, handler: circuitOptions.reconnectionHandler };
}

test('a drain with another instance ready: the page works on until its turn, then pauses and resumes there, with no reload', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(owner('u.alice'));
  fake.blazor.resumeAnswers.push(true);

  assert.equal(await kit.drain(3_000), 'moving');
  await fake.advance(2_900);
  assert.deepEqual(fake.blazor.calls, [], 'still on the old instance before its turn');
  assert.equal(kit.status.state, 'connected');

  await fake.advanceUntil(() => fake.blazor.calls.includes('resumeCircuit'), 2_000, 10);
  await fake.advance(10);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit', 'resumeCircuit']);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'connected');
  assert.ok(fake.events.some(e => e.type === 'livestate:save' && e.detail.reason === 'resume'), 'typing while paused is saved before the resume');
  assert.ok(fake.events.some(e => e.type === 'livestate:resuming'));
  const report = await kit.connected(config);
  assert.equal(report.outcome, 'resumed');
  assert.equal(report.reason, 'drain');
});

test('with another instance ready, the paused page asks it at once; with none, after the schedule\'s first wait', async () => {
  const firstProbeAfterPause = async readyElsewhere => {
    const fake = fakeReconnectEnv();
    const { kit } = start(fake);
    let up = readyElsewhere;
    fake.onReady(() => (up ? ready('B')() : notReady('A')()));
    fake.onOwner(owner('u.alice'));
    fake.blazor.resumeAnswers.push(true);
    await kit.drain(1_000);
    up = true;
    await fake.advanceUntil(() => fake.blazor.calls.includes('resumeCircuit'), 2_000, 1);
    // Times from the drain's own probe.
    const probes = fake.requests.filter(r => r.url.includes('/_livestate/ready')).map(r => r.at);
    return { probes: probes.map(at => at - probes[0]) };
  };

  const elsewhere = await firstProbeAfterPause(true);
  // The drain's own probe at 0, the pause at the page's turn (1 000 ms), and the next probe in that same moment.
  assert.deepEqual(elsewhere.probes, [0, 1_000]);
  const nowhere = await firstProbeAfterPause(false);
  // Nowhere to go: paused at once, and the first probe after the schedule's first wait (10 to 20 ms).
  assert.equal(nowhere.probes[0], 0);
  assert.ok(nowhere.probes[1] >= 10 && nowhere.probes[1] <= 20, nowhere.probes.join(', '));
});

test('a drain with nowhere to go pauses at once, so the instance can exit, and resumes on the instance that comes up', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  let up = false;
  fake.onReady(() => (up ? ready('C', '2.0.0')() : notReady('A')()));
  fake.onOwner(owner('u.alice'));
  fake.blazor.resumeAnswers.push(true);

  assert.equal(await kit.drain(3_000), 'moving');
  await fake.advance(0);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit']);
  assert.equal(kit.status.state, 'reconnecting', 'waiting for an instance');
  await fake.advance(5_000);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit'], 'no resume while nothing is ready');

  up = true;
  await fake.advanceUntil(() => fake.blazor.calls.includes('resumeCircuit'));
  await fake.advance(10);
  assert.deepEqual(fake.navigations, [], 'a new build resumes in place too');
  assert.equal(kit.status.state, 'connected');
});

test('the pause trap: after a lost connection came back, a drain does not pause but moves by the reload path', async () => {
  const fake = fakeReconnectEnv();
  const { kit, handler } = start(fake);
  let answers = 0;
  fake.onReady(() => (++answers === 1 ? ready('A')() : ready('B')()));
  fake.onPage(() => ({ status: 200 }));
  fake.blazor.reconnectAnswers.push(true);

  handler.onConnectionDown({}, new Error('blip'), false, false);
  await fake.advanceUntil(() => fake.blazor.calls.length > 0);
  handler.onConnectionUp();
  fake.blazor.calls.length = 0;

  assert.equal(await kit.drain(0), 'moving');
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.blazor.calls, [], 'Blazor.pauseCircuit would answer true and do nothing');
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('an instance that cannot resume the circuit (keys not shared, components changed): the page reloads with its state, spending no reload budget', async () => {
  const storage = memoryStorage();
  // Three crash reloads in the last two minutes: the loop guard would stop a fourth.
  storage.setItem('blazor-livestate:reloads', JSON.stringify([999_000, 999_500, 999_900]));
  const fake = fakeReconnectEnv({ storage });
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(owner('u.alice'));
  fake.onPage(() => ({ status: 200 }));
  fake.blazor.resumeAnswers.push(false);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, ['pauseCircuit', 'resumeCircuit']);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
  assert.ok(fake.events.some(e => e.type === 'livestate:save' && e.detail.reason === 'reload'));
  assert.equal(JSON.parse(storage.getItem('blazor-livestate:reloads')).length, 3, 'the planned reload is not counted');
  assert.equal(kit.status.state, 'reloading');
});

test('another user signed in while the page was paused: no resume, a fresh page', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(owner('u.bob'));
  fake.onPage(() => ({ status: 200 }));
  fake.blazor.resumeAnswers.push(true);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, ['pauseCircuit'], 'never resumed for someone else');
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('a paused page asks for its owner with the readiness probe, and resumes on that answer without asking again', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(url => ({ status: 200, body: { ready: true, build: '1.0.0', instance: 'B', ...(url.includes('owner=1') ? { owner: 'u.alice' } : {}) } }));
  fake.blazor.resumeAnswers.push(true);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.blazor.calls.includes('resumeCircuit'));
  await fake.advance(10);

  const urls = fake.requests.map(r => r.url);
  assert.ok(!urls[0].includes('owner='), 'the drain\'s own probe, before any pause, does not ask for the owner');
  assert.ok(urls.slice(1).every(url => url.includes('/_livestate/ready') && url.includes('owner=1')), urls.join(', '));
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'connected');
});

test('a ready answer naming another user: no resume, a fresh page, and the owner endpoint is not asked', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(() => ({ status: 200, body: { ready: true, build: '1.0.0', instance: 'B', owner: 'u.bob' } }));
  fake.onPage(() => ({ status: 200 }));
  fake.blazor.resumeAnswers.push(true);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);

  assert.deepEqual(fake.blazor.calls, ['pauseCircuit'], 'never resumed for someone else');
  assert.ok(!fake.requests.some(r => r.url.includes('/_livestate/owner')));
});

test('an owner the server does not say counts as another user', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(() => ({ status: 404 }));
  fake.onPage(() => ({ status: 200 }));

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit']);
});

test('a pause the server refuses falls back to the reload path', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));
  fake.blazor.pauseAnswers.push(false);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit']);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});

test('a resume that fails to reach the instance is tried again on the schedule', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(owner('u.alice'));
  fake.blazor.resumeAnswers.push(new Error('WebSocket failed'), true);

  await kit.drain(0);
  await fake.advanceUntil(() => fake.blazor.calls.filter(c => c === 'resumeCircuit').length === 2);
  await fake.advance(10);
  assert.deepEqual(fake.navigations, []);
  assert.equal(kit.status.state, 'connected');
});

test('deploys seconds apart move the page in place each time', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  fake.onReady(ready('B'));
  fake.onOwner(owner('u.alice'));
  fake.blazor.resumeAnswers.push(true, true, true);

  for (let deploy = 1; deploy <= 3; deploy++) {
    assert.equal(await kit.drain(500), 'moving', `deploy ${deploy}`);
    await fake.advanceUntil(() => fake.blazor.calls.filter(c => c === 'resumeCircuit').length === deploy, 5_000, 10);
    await fake.advance(10);
    await kit.connected({ ...config, instance: 'B' });
    await fake.advance(5_000);
  }

  assert.deepEqual(fake.blazor.calls, ['pauseCircuit', 'resumeCircuit', 'pauseCircuit', 'resumeCircuit', 'pauseCircuit', 'resumeCircuit']);
  assert.deepEqual(fake.navigations, []);
});

test('with the option off, a drain moves by the reload path as before', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  kit.applyConfig({ ...config, resumeInPlace: false });
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));

  await kit.drain(0);
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.blazor.calls, []);
});

test('with the option off, a drain with another instance ready moves after the wait the server chose, checking again that it is still ready', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  kit.applyConfig({ ...config, resumeInPlace: false });
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));

  assert.equal(await kit.drain(3_000), 'moving');
  const asked = fake.requests.filter(r => r.url.includes('/_livestate/ready')).length;
  await fake.advance(2_900);
  assert.deepEqual(fake.navigations, []);
  await fake.advanceUntil(() => fake.navigations.length > 0, 500, 10);

  assert.equal(fake.navigations.length, 1);
  assert.ok(fake.navigations[0].at >= 1_000_000 + 3_000);
  // The drain's answer is 3 s old by then: the page asks once more before it leaves.
  assert.equal(fake.requests.filter(r => r.url.includes('/_livestate/ready')).length, asked + 1);
  assert.ok(fake.events.some(e => e.type === 'livestate:save' && e.detail.reason === 'drain'));
});

test('with the option off, a drain with nowhere to go stays', async () => {
  const fake = fakeReconnectEnv();
  const { kit } = start(fake);
  kit.applyConfig({ ...config, resumeInPlace: false });
  fake.onReady(notReady('A'));
  assert.equal(await kit.drain(0), 'staying');
  await fake.advance(5_000);
  assert.deepEqual(fake.navigations, []);
});

/** What the move may use of the reconnect handler, as a frozen object of functions recording what it was asked. */
function host({ recovering = false, mayPause = true } = {}) {
  const asked = { states: [], saves: [], reloads: [], resumeWhenReady: [], reports: [] };
  const calls = Object.freeze({
    config: () => ({ ...config, resumeInPlace: true, endpointPrefix: '/_livestate', probeTimeoutMs: 2_000 }),
    show: state => asked.states.push(state),
    saveNow: async reason => {
      asked.saves.push(reason);
    },
    probe: async () => ({ ready: true, instance: 'B', build: '1.0.0' }),
    mayPause: () => mayPause,
    recovering: () => recovering,
    reload: (reason, readyAt) => asked.reloads.push({ reason, readyAt }),
    resumeWhenReady: resumePaused => asked.resumeWhenReady.push(resumePaused),
    report: outcome => asked.reports.push(outcome),
  });
  return { calls, asked };
}

const outcomeNow = () => ({ outcome: 'resumed', reason: null, attempts: 2, downMs: 700 });

test('a paused move hands the host its resume; that resume checks the owner, reports, and resumes in this document', async () => {
  const fake = fakeReconnectEnv();
  const { calls, asked } = host();
  fake.onOwner(owner('u.alice'));
  fake.blazor.resumeAnswers.push(true);
  const move = new PlannedMove(fake.env, calls);

  await move.moveInPlace();
  assert.deepEqual(asked.saves, ['pause']);
  assert.deepEqual(asked.states, ['reconnecting']);
  assert.equal(asked.resumeWhenReady.length, 1);
  assert.equal(move.pausing(), true, 'the lost connection Blazor reports now is the pause');

  assert.equal(await asked.resumeWhenReady[0](outcomeNow), 'resumed');
  assert.deepEqual(asked.reports, [{ ...outcomeNow(), reason: 'drain' }]);
  assert.deepEqual(asked.saves, ['pause', 'resume']);
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit', 'resumeCircuit']);
  assert.equal(move.pausing(), false);
  assert.deepEqual(asked.reloads, []);
});

test('a paused move\'s resume answers the reload that must come instead: another user, or an instance that cannot resume it', async () => {
  const fake = fakeReconnectEnv();
  const { calls, asked } = host();
  let user = 'u.bob';
  fake.onOwner(() => owner(user)());
  fake.blazor.resumeAnswers.push(false, new Error('WebSocket failed'));
  const move = new PlannedMove(fake.env, calls);
  await move.moveInPlace();
  const resume = asked.resumeWhenReady[0];

  assert.equal(await resume(outcomeNow), 'other-user');
  assert.deepEqual(fake.blazor.calls, ['pauseCircuit'], 'never resumed for someone else');
  assert.equal(move.pausing(), false, 'the page leaves: the connection it loses next is no pause of the kit\'s');
  user = 'u.alice';
  assert.equal(await resume(outcomeNow), 'resume-failed');
  assert.equal(move.pausing(), false);
  assert.deepEqual(asked.reports, [{ ...outcomeNow(), reason: 'drain' }, null], 'a resume that failed reports nothing');
  assert.equal(await resume(outcomeNow), 'retry');
  assert.equal(asked.reports.at(-1), null);
});

test('a refused pause asks the host for a planned drain reload; an outage under way is left in charge', async () => {
  const fake = fakeReconnectEnv();
  const { calls, asked } = host();
  fake.blazor.pauseAnswers.push(false);
  await new PlannedMove(fake.env, calls).moveInPlace();
  assert.deepEqual(asked.reloads, [{ reason: 'drain', readyAt: undefined }]);

  const recovering = host({ recovering: true });
  const move = new PlannedMove(fake.env, recovering.calls);
  assert.equal(await move.drain(0), 'staying');
  await move.moveInPlace();
  assert.deepEqual(recovering.asked.reloads, []);
  assert.deepEqual(recovering.asked.resumeWhenReady, []);
});

test('a lost connection the kit did not cause, or a page the kit\'s handler does not run, moves by the reload path', async () => {
  const fake = fakeReconnectEnv();
  const trapped = new PlannedMove(fake.env, host().calls);
  assert.equal(trapped.canMoveInPlace(), true);
  trapped.connectionLost();
  assert.equal(trapped.canMoveInPlace(), false, 'the pause trap');

  const { calls, asked } = host({ mayPause: false });
  assert.equal(await new PlannedMove(fake.env, calls).drain(2_000), 'moving');
  await fake.advance(2_000);
  assert.deepEqual(asked.reloads, [{ reason: 'drain', readyAt: 1_000_000 }]);
  assert.deepEqual(fake.blazor.calls, []);
});

test('with an app-supplied reconnection handler a drain moves by the reload path, never pausing', async () => {
  const fake = fakeReconnectEnv();
  const appHandler = { onConnectionDown() {}, onConnectionUp() {} };
  const { kit } = start(fake, { reconnectionHandler: appHandler });
  fake.onReady(ready('B'));
  fake.onPage(() => ({ status: 200 }));

  assert.equal(await kit.drain(0), 'moving');
  await fake.advanceUntil(() => fake.navigations.length > 0);
  assert.deepEqual(fake.blazor.calls, []);
  assert.deepEqual(fake.navigations.map(n => n.kind), ['reload']);
});
